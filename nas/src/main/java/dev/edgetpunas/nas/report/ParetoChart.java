package dev.edgetpunas.nas.report;

import dev.edgetpunas.compiler.util.AtomicFiles;
import dev.edgetpunas.nas.evolution.Evaluation;
import dev.edgetpunas.nas.evolution.SearchResult;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The accuracy-vs-latency plot of a search: every successful candidate, the Pareto front, the latency
 * target and the best candidate.
 *
 * <pre>{@code
 * ParetoChart.write(result, "nasbench201 evolution, seed 1", outDir.resolve("pareto"));   // pareto.png and pareto.svg
 * }</pre>
 */
public final class ParetoChart {
    private ParetoChart() {}

    /** The chart. */
    public static XYChart chart(SearchResult r, String title) {
        XYChart c = new XYChartBuilder().width(900).height(600).title(title).xAxisTitle("latency (ms)").yAxisTitle("accuracy").build();
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setMarkerSize(5);
        List<Double> x = new ArrayList<>(), y = new ArrayList<>();
        for (Evaluation e : r.history()) {
            if (e.succeeded()) {
                x.add(e.latencyMs());
                y.add(e.accuracy());
            }
        }
        if (x.isEmpty()) {
            x.add(r.settings().objective().targetMs());
            y.add(0.0);
        }
        XYSeries all = c.addSeries("evaluated", x, y);
        all.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        all.setMarker(SeriesMarkers.CIRCLE);
        all.setMarkerColor(new Color(120, 120, 120, 110));
        if (!r.pareto().isEmpty()) {
            XYSeries front = c.addSeries("Pareto front", r.pareto().stream().map(Evaluation::latencyMs).toList(),
                    r.pareto().stream().map(Evaluation::accuracy).toList());
            front.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            front.setMarker(SeriesMarkers.DIAMOND);
            front.setLineColor(new Color(200, 40, 40));
            front.setMarkerColor(new Color(200, 40, 40));
        }
        double t = r.settings().objective().targetMs();
        double lo = y.stream().mapToDouble(Double::doubleValue).min().orElse(0), hi = y.stream().mapToDouble(Double::doubleValue).max().orElse(1);
        XYSeries target = c.addSeries("target " + String.format(java.util.Locale.ROOT, "%.3g ms", t), List.of(t, t), List.of(lo, hi));
        target.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        target.setMarker(SeriesMarkers.NONE);
        target.setLineColor(new Color(40, 90, 200));
        r.best().ifPresent(b -> {
            XYSeries best = c.addSeries("best", List.of(b.latencyMs()), List.of(b.accuracy()));
            best.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            best.setMarker(SeriesMarkers.SQUARE);
            best.setMarkerColor(new Color(20, 150, 60));
        });
        return c;
    }

    /** Writes {@code base.png} and {@code base.svg} (each atomically). */
    public static void write(SearchResult r, String title, Path base) {
        XYChart c = chart(r, title);
        String name = base.getFileName().toString();
        try {
            AtomicFiles.writeBytes(base.resolveSibling(name + ".png"), BitmapEncoder.getBitmapBytes(c, BitmapEncoder.BitmapFormat.PNG));
            ByteArrayOutputStream svg = new ByteArrayOutputStream();
            VectorGraphicsEncoder.saveVectorGraphic(c, svg, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
            AtomicFiles.writeBytes(base.resolveSibling(name + ".svg"), svg.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + base + ".png/.svg: " + e.getMessage(), e);
        }
    }
}
