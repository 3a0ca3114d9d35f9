package org.flowwatch.bench;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.flowwatch.cli.ConfigOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "bench", description = "Measure the pipeline against the limits of a private embedded broker; writes docs/benchmarks.{md,json}.")
final class BenchCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions config;

    @Option(names = "--events", descriptionKey = "bench.events", paramLabel = "N", description = "Crossings to preload (bench.events, default 2,000,000).")
    Long events;

    @Option(names = "--repeats", descriptionKey = "bench.repeats", paramLabel = "N", description = "Runs of each measurement (bench.repeats, default 3).")
    Integer repeats;

    @Option(names = "--span", descriptionKey = "bench.span", paramLabel = "DURATION", description = "Event-time spread of the input, e.g. 6h or 30d (bench.span).")
    String span;

    @Option(names = "--sections", descriptionKey = "bench.sections", paramLabel = "LIST", description = "Sections to run (bench.sections): all, or some of "
            + "throughput,latency,footprint,recovery,replay,dispatcher,edge,sweep (default: all but edge and sweep).")
    String sections;

    @Override
    public Integer call() throws Exception {
        Map<String, String> flags = config.flags();
        BenchSettings bench = BenchSettings.from(config.load(flags, BenchSettings.DEFAULTS));
        PrintWriter out = config.out();
        String table = Benchmarks.run(bench, wiring -> {
            Map<String, String> all = new LinkedHashMap<>(flags);
            all.putAll(wiring);
            return config.load(all, BenchSettings.DEFAULTS);
        }, line -> {
            out.println(line);
            out.flush();
        });
        out.println();
        out.print(table);
        out.println("Written to " + bench.outputDir().resolve("benchmarks.md") + " and benchmarks.json");
        return 0;
    }
}
