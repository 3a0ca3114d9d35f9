package org.flowwatch.bench;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.flowwatch.cli.ConfigOptions;
import org.flowwatch.cli.FlagCatalogue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "bench", description = "Measure the pipeline against the limits of a private embedded broker; writes docs/benchmarks.{md,json}.",
        modelTransformer = BenchCommand.Flags.class)
final class BenchCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions config;

    /** The bench's setting flags come from a table of its own: the product's table knows nothing of the bench. */
    static final class Flags extends FlagCatalogue {
        Flags() {
            super("flowwatch/flags/bench.tsv", BenchSettings.DEFAULTS);
        }
    }

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
