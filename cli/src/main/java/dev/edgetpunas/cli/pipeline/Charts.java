package dev.edgetpunas.cli.pipeline;

import dev.edgetpunas.compiler.util.AtomicFiles;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;

/**
 * The report's plots: an XChart chart restyled for a web page (larger type, light grid, no border) and
 * written as PNG, which the report inlines as a {@code data:} URI.
 *
 * <pre>{@code
 * Charts.writePng(ParetoChart.chart(result, "Edge TPU search"), dir.resolve("report-pareto.png"), 560, 420);
 * }</pre>
 */
final class Charts {
    private Charts() {}

    /** Paints {@code c} laid out at {@code width x height}, rendered at {@value #SCALE}x for sharp text on high-density screens. */
    static void writePng(XYChart c, Path file, int width, int height) {
        style(c);
        BufferedImage img = new BufferedImage((int) (width * SCALE), (int) (height * SCALE), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.scale(SCALE, SCALE);
            c.paint(g, width, height);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + file + ": " + e.getMessage(), e);
        }
        AtomicFiles.writeBytes(file, png.toByteArray());
    }

    /** Pixel density of the PNGs: the report shows them at about their layout size, so 2x stays sharp on high-density screens. */
    static final double SCALE = 2.0;

    static void style(XYChart c) {
        Styler s = c.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderVisible(false);
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        s.setChartTitleBoxVisible(false);
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setLegendBorderColor(new Color(0xE3, 0xE7, 0xEE));
        s.setAntiAlias(true);
        if (s instanceof org.knowm.xchart.style.XYStyler xy) {
            xy.setPlotGridLinesColor(new Color(0xE3, 0xE7, 0xEE));
            xy.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            xy.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            xy.setMarkerSize(Math.max(xy.getMarkerSize(), 7));
        }
        s.setChartPadding(10);
    }
}
