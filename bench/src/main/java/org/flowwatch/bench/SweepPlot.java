package org.flowwatch.bench;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.flowwatch.bench.SweepSettings.Dimension;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;

/**
 * The sweep as a PNG (XChart, as {@link LatencyPlot}): one panel per dimension, throughput of the full topology and
 * of the bare count against the dimension's value, and one of the state on disk per million crossings against the
 * crossings counted; an axis is logarithmic where its values span a decade or more.
 */
final class SweepPlot {

    private static final int WIDTH = 600;
    private static final int HEIGHT = 380;
    private static final int COLUMNS = 2;

    private SweepPlot() {
    }

    static void write(SweepFigures sweep, Path png) throws IOException {
        System.setProperty("java.awt.headless", "true"); // rendering to a file needs no display
        List<XYChart> panels = new ArrayList<>();
        for (Dimension dimension : Dimension.values()) {
            List<SweepFigures.Row> rows = sweep.rowsOf(dimension);
            if (!rows.isEmpty()) {
                panels.add(throughput(dimension, rows));
            }
        }
        if (!sweep.states().isEmpty()) {
            panels.add(state(sweep.states()));
        }
        int rowsOfPanels = (panels.size() + COLUMNS - 1) / COLUMNS;
        BufferedImage image = new BufferedImage(WIDTH * Math.min(COLUMNS, panels.size()), HEIGHT * rowsOfPanels, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(Color.WHITE);
        graphics.fillRect(0, 0, image.getWidth(), image.getHeight());
        for (int i = 0; i < panels.size(); i++) {
            graphics.drawImage(BitmapEncoder.getBufferedImage(panels.get(i)), (i % COLUMNS) * WIDTH, (i / COLUMNS) * HEIGHT, null);
        }
        graphics.dispose();
        ImageIO.write(image, "png", png.toFile());
    }

    /** A decade or more between the smallest and the largest value: read on a log axis. */
    static boolean logarithmic(List<Double> values) {
        double min = values.stream().mapToDouble(Double::doubleValue).min().orElse(1);
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(1);
        return min > 0 && max / min >= 10;
    }

    private static XYChart throughput(Dimension dimension, List<SweepFigures.Row> rows) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title("throughput against " + dimension.label())
                .xAxisTitle(dimension.axis()).yAxisTitle("crossings/s (median)").build();
        List<Double> x = rows.stream().map(SweepFigures.Row::value).toList();
        List<SweepFigures.Row> counted = rows.stream().filter(r -> r.full().isPresent()).toList(); // refused runs are not drawn
        List<Double> full = counted.stream().map(r -> r.full().orElseThrow().median()).toList();
        List<Double> bare = rows.stream().map(r -> r.bare().median()).toList();
        styled(chart).setXAxisLogarithmic(logarithmic(x));
        chart.getStyler().setYAxisLogarithmic(logarithmic(Stream.concat(full.stream(), bare.stream()).toList()));
        if (!counted.isEmpty()) {
            chart.addSeries("full topology, " + BenchReport.EXACTLY_ONCE, counted.stream().map(SweepFigures.Row::value).toList(), full);
        }
        chart.addSeries("bare 1 h count, " + BenchReport.EXACTLY_ONCE, x, bare);
        return chart;
    }

    private static XYStyler styled(XYChart chart) {
        XYStyler styler = chart.getStyler();
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setXAxisDecimalPattern("#,##0");
        styler.setYAxisDecimalPattern("#,##0");
        return styler;
    }

    private static XYChart state(List<SweepFigures.StateSize> states) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title("state on disk per million crossings")
                .xAxisTitle("crossings counted").yAxisTitle("MiB per million crossings").build();
        List<Double> x = states.stream().map(s -> (double) s.crossings()).toList();
        styled(chart).setXAxisLogarithmic(logarithmic(x));
        chart.getStyler().setYAxisMin(0.0).setYAxisDecimalPattern("#,##0.0"); // from 0: a flat line is linear growth
        chart.addSeries("full topology, " + BenchReport.EXACTLY_ONCE, x, states.stream().map(SweepFigures.StateSize::mibPerMillion).toList());
        return chart;
    }
}
