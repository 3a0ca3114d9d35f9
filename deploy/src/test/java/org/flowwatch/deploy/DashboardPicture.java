package org.flowwatch.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;

/**
 * Draws a Grafana dashboard from its own queries, answered by a real Prometheus: each panel at its grid place (24
 * columns, rows of 30 px as in Grafana), time series as lines over the range, bar gauges as bars and stats as numbers
 * of the latest value. Not Grafana (not installable here), but the same queries, legends and layout.
 */
final class DashboardPicture {

    private static final int WIDTH = 1600;
    private static final int ROW = 30;
    private static final int HEADER = 56;
    private static final double COLUMN = WIDTH / 24.0;
    private static final String DECIMAL = "#,##0.##";
    private static final DecimalFormat NUMBER = new DecimalFormat(DECIMAL);

    private final DemoUnderPrometheus prometheus;
    private final Instant from;
    private final Instant to;
    private final Duration step;

    DashboardPicture(DemoUnderPrometheus prometheus, Instant from, Instant to, Duration step) {
        this.prometheus = prometheus;
        this.from = from;
        this.to = to;
        this.step = step;
    }

    void draw(GrafanaDashboard dashboard, Path png) throws IOException, InterruptedException {
        int height = HEADER + dashboard.panels().stream().mapToInt(panel -> (panel.y() + panel.height()) * ROW).max().orElse(0);
        BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(new Color(244, 245, 245));
        g.fillRect(0, 0, WIDTH, height);
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 22));
        g.drawString(dashboard.title(), 12, 28);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        g.drawString("Rendered from the dashboard's own PromQL (" + dashboard.file() + "), answered by Prometheus scraping "
                + "`flowwatch demo`; not a screenshot of Grafana.", 12, 48);
        for (GrafanaDashboard.Panel panel : dashboard.panels()) {
            int x = (int) Math.round(panel.x() * COLUMN);
            int y = HEADER + panel.y() * ROW;
            int w = (int) Math.round(panel.width() * COLUMN) - 6;
            int h = panel.height() * ROW - 6;
            Graphics2D cell = (Graphics2D) g.create(x + 3, y + 3, w, h);
            switch (panel.type()) {
                case "stat" -> stat(cell, panel, w, h);
                case "bargauge" -> bars(panel, w, h).paint(cell, w, h);
                default -> lines(panel, w, h).paint(cell, w, h);
            }
            cell.dispose();
        }
        g.dispose();
        ImageIO.write(image, "png", png.toFile());
    }

    private Chart<?, ?> lines(GrafanaDashboard.Panel panel, int w, int h) throws IOException, InterruptedException {
        XYChart chart = new XYChartBuilder().width(w).height(h).title(panel.title()).build();
        var style = chart.getStyler();
        style.setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        style.setMarkerSize(0);
        style.setDatePattern("HH:mm:ss");
        style.setChartTitleBoxVisible(false);
        style.setPlotGridVerticalLinesVisible(false);
        style.setYAxisDecimalPattern(DECIMAL);
        style.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        chart.setYAxisTitle(panel.unit());
        for (GrafanaDashboard.Target target : panel.targets()) {
            for (JsonNode series : prometheus.queryRange(target.expr(), from, to, step)) {
                List<Date> times = new ArrayList<>();
                List<Double> values = new ArrayList<>();
                series.path("values").forEach(point -> {
                    double value = Double.parseDouble(point.get(1).asText());
                    if (Double.isFinite(value)) {
                        times.add(new Date((long) (point.get(0).asDouble() * 1000)));
                        values.add(value);
                    }
                });
                String name = unique(chart, target.legend(series.path("metric")));
                if (!times.isEmpty()) {
                    chart.addSeries(name, times, values);
                }
            }
        }
        if (chart.getSeriesMap().isEmpty()) {
            chart.addSeries("no data", List.of(Date.from(from), Date.from(to)), List.of(0, 0));
        }
        // a few series in a corner of the plot, many in a legend beside it
        style.setLegendPosition(chart.getSeriesMap().size() > 3 ? Styler.LegendPosition.OutsideE : Styler.LegendPosition.InsideNW);
        return chart;
    }

    private Chart<?, ?> bars(GrafanaDashboard.Panel panel, int w, int h) throws IOException, InterruptedException {
        List<String> names = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (GrafanaDashboard.Target target : panel.targets()) {
            for (JsonNode series : prometheus.query(target.expr(), to)) {
                names.add(target.legend(series.path("metric")));
                values.add(Double.parseDouble(series.path("value").get(1).asText()));
            }
        }
        CategoryChart chart = new CategoryChartBuilder().width(w).height(h).title(panel.title()).build();
        var style = chart.getStyler();
        style.setLegendVisible(false);
        style.setChartTitleBoxVisible(false);
        style.setLabelsVisible(true);
        style.setXAxisLabelRotation(names.size() > 4 ? 20 : 0);
        style.setYAxisDecimalPattern(DECIMAL);
        style.setDecimalPattern(DECIMAL);
        chart.addSeries(panel.title(), names.isEmpty() ? List.of("no data") : names, values.isEmpty() ? List.of(0.0) : values);
        return chart;
    }

    private void stat(Graphics2D g, GrafanaDashboard.Panel panel, int w, int h) throws IOException, InterruptedException {
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString(panel.title(), 10, 22);
        List<String[]> values = new ArrayList<>();
        for (GrafanaDashboard.Target target : panel.targets()) {
            for (JsonNode series : prometheus.query(target.expr(), to)) {
                values.add(new String[] {NUMBER.format(Double.parseDouble(series.path("value").get(1).asText())),
                        target.legend(series.path("metric"))});
            }
        }
        if (values.isEmpty()) {
            values.add(new String[] {"no data", ""});
        }
        // one value per series, side by side, its legend underneath in small type
        int width = w / values.size();
        for (int i = 0; i < values.size(); i++) {
            g.setColor(new Color(30, 120, 60));
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, values.size() > 1 ? 30 : 48));
            g.drawString(values.get(i)[0], 14 + i * width, h / 2 + 16);
            g.setColor(Color.GRAY);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            g.drawString(values.get(i)[1], 14 + i * width, h / 2 + 40);
        }
    }

    private static String unique(XYChart chart, String name) {
        String candidate = name.isEmpty() ? "series" : name;
        for (int n = 2; chart.getSeriesMap().containsKey(candidate); n++) {
            candidate = name + " (" + n + ")";
        }
        return candidate;
    }
}
