package dev.edgetpunas.validation.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A log-log scatter of predicted against measured latency, one series per group (profile), with the
 * {@code y = x} line and the +-20% band, written as PNG and SVG with XChart (whose SVG draws text as outlines,
 * so it is large: about 1 MB for a hundred points).
 *
 * <pre>{@code
 * ScatterPlot plot = new ScatterPlot("Simulator vs published latencies");
 * plot.add("edgetpu-usb3-max", 2.17, 1.95);
 * plot.write(Path.of("out/validation"));   // out/validation.png and out/validation.svg
 * }</pre>
 */
public final class ScatterPlot {
    /** Strong, distinguishable colours (Tableau 10), then the marker shape changes. */
    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0x9467bd),
        new Color(0xff7f0e), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf), new Color(0x7f7f7f), new Color(0xbcbd22)};
    private static final org.knowm.xchart.style.markers.Marker[] MARKERS = {SeriesMarkers.CIRCLE, SeriesMarkers.DIAMOND, SeriesMarkers.SQUARE,
        SeriesMarkers.TRIANGLE_UP};

    private final String title;
    private final Map<String, List<double[]>> groups = new LinkedHashMap<>();

    public ScatterPlot(String title) {
        this.title = Objects.requireNonNull(title, "title");
    }

    /** Adds one point of {@code group}; non-positive or non-finite values cannot be drawn on log axes and are rejected. */
    public ScatterPlot add(String group, double measuredMs, double predictedMs) {
        if (!(measuredMs > 0) || !(predictedMs > 0) || Double.isInfinite(measuredMs) || Double.isInfinite(predictedMs)) {
            throw new IllegalArgumentException("points of a log-log plot must be finite and > 0, but were (" + measuredMs + ", " + predictedMs + ")");
        }
        groups.computeIfAbsent(group, g -> new ArrayList<>()).add(new double[] {measuredMs, predictedMs});
        return this;
    }

    /** The chart, for callers that render it themselves. */
    public XYChart chart() {
        XYChart c = new XYChartBuilder().width(900).height(700).title(title).xAxisTitle("measured latency (ms)")
                .yAxisTitle("predicted latency (ms)").build();
        c.getStyler().setXAxisLogarithmic(true).setYAxisLogarithmic(true).setChartBackgroundColor(Color.WHITE)
                .setMarkerSize(8).setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
        double lo = Double.MAX_VALUE, hi = 0;
        for (List<double[]> pts : groups.values()) {
            for (double[] p : pts) {
                lo = Math.min(lo, Math.min(p[0], p[1]));
                hi = Math.max(hi, Math.max(p[0], p[1]));
            }
        }
        if (hi == 0) {
            lo = 1;
            hi = 10;
        }
        lo /= 1.5;
        hi *= 1.5;
        line(c, "y = x", lo, hi, 1.0, new BasicStroke(1.2f));
        float[] dash = {6f, 4f};
        line(c, "+20%", lo, hi, 1.2, new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, dash, 0f));
        line(c, "-20%", lo, hi, 0.8, new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, dash, 0f));
        int k = 0;
        for (var e : groups.entrySet()) {
            double[] x = new double[e.getValue().size()], y = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = e.getValue().get(i)[0];
                y[i] = e.getValue().get(i)[1];
            }
            XYSeries s = c.addSeries(e.getKey(), x, y);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(MARKERS[(k / PALETTE.length) % MARKERS.length]);
            s.setMarkerColor(PALETTE[k % PALETTE.length]);
            k++;
        }
        return c;
    }

    private static void line(XYChart c, String name, double lo, double hi, double factor, BasicStroke stroke) {
        XYSeries s = c.addSeries(name, new double[] {lo, hi}, new double[] {lo * factor, hi * factor});
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(Color.GRAY);
        s.setLineStyle(stroke);
    }

    /**
     * Writes {@code base + ".png"} and {@code base + ".svg"}, each to a temporary file first and then moved
     * into place.
     *
     * @return the two paths
     */
    public List<Path> write(Path base) {
        XYChart c = chart();
        Path png = base.resolveSibling(base.getFileName() + ".png");
        Path svg = base.resolveSibling(base.getFileName() + ".svg");
        try {
            Path dir = png.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmpPng = Files.createTempFile(dir, ".plot", "");
            Path tmpSvg = Files.createTempFile(dir, ".plot", "");
            try {
                // the encoders add the extension to the name they are given
                BitmapEncoder.saveBitmap(c, tmpPng.toString(), BitmapEncoder.BitmapFormat.PNG);
                VectorGraphicsEncoder.saveVectorGraphic(c, tmpSvg.toString(), VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
                Files.move(Path.of(tmpPng + ".png"), png, StandardCopyOption.REPLACE_EXISTING);
                Files.move(Path.of(tmpSvg + ".svg"), svg, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmpPng);
                Files.deleteIfExists(tmpSvg);
                Files.deleteIfExists(Path.of(tmpPng + ".png"));
                Files.deleteIfExists(Path.of(tmpSvg + ".svg"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + png + " / " + svg + ": " + e.getMessage(), e);
        }
        return List.of(png, svg);
    }
}
