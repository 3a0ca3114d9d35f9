package org.flowwatch.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

/** The latency section as a PNG: p50, p99 and p99.9 of both latencies against the input rate (XChart). */
final class LatencyPlot {

    private LatencyPlot() {
    }

    static void write(List<LatencyFigures> latencies, Path png) throws IOException {
        System.setProperty("java.awt.headless", "true"); // rendering to a file needs no display
        XYChart chart = new XYChartBuilder().width(900).height(500).title("flowwatch end-to-end latency")
                .xAxisTitle("input rate (crossings/s)").yAxisTitle("latency (ms)").build();
        chart.getStyler().setXAxisLogarithmic(true);
        series(chart, latencies, "to count p50", f -> f.toCount().p50());
        series(chart, latencies, "to count p99", f -> f.toCount().p99());
        series(chart, latencies, "to count p99.9", f -> f.toCount().p999());
        series(chart, latencies, "to SURGE alert p50", f -> f.toAlert().p50());
        series(chart, latencies, "to SURGE alert p99", f -> f.toAlert().p99());
        series(chart, latencies, "to SURGE alert p99.9", f -> f.toAlert().p999());
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static void series(XYChart chart, List<LatencyFigures> latencies, String name, ToDoubleFunction<LatencyFigures> value) {
        List<LatencyFigures> measured = latencies.stream().filter(f -> !Double.isNaN(value.applyAsDouble(f))).toList();
        if (!measured.isEmpty()) {
            chart.addSeries(name, measured.stream().map(f -> (double) f.targetRate()).toList(),
                    measured.stream().map(value::applyAsDouble).toList());
        }
    }
}
