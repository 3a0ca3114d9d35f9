package org.flowwatch.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.flowwatch.schemas.config.ConfigException;
import org.flowwatch.schemas.config.Settings;

/** How big and how often: the knobs of {@code flowwatch bench}. */
public record BenchSettings(long events, int posts, Duration span, int repeats, List<String> guarantees, Path outputDir,
                            List<String> sections, List<Integer> latencyRates, Duration latencyWarmup, Duration latencyDuration,
                            double surgeProbesPerSecond, int dispatcherAlerts, EdgeSettings edge, Optional<Path> flinkJar,
                            int flinkParallelism, SweepSettings sweep, long sitesEvents, int sitesCount) {

    public static final String DEFAULTS = "flowwatch/defaults/bench.properties";
    /** Every section, in the order they run; {@code all} names them all. */
    static final List<String> SECTIONS = List.of("throughput", "latency", "footprint", "recovery", "replay", "dispatcher", "edge", "sweep", "sites");

    public static BenchSettings from(Settings settings) {
        long events = settings.longValue("bench.events");
        int posts = settings.integer("bench.posts");
        int repeats = settings.integer("bench.repeats");
        int flinkParallelism = settings.integer("bench.flink.parallelism");
        long sitesEvents = settings.longValue("bench.sites.events");
        int sitesCount = settings.integer("bench.sites.count");
        if (events < 1 || posts < 1 || repeats < 1 || flinkParallelism < 1 || sitesEvents < 1 || sitesCount < 1) {
            throw new ConfigException("bench.events, bench.posts, bench.repeats, bench.flink.parallelism, bench.sites.events and "
                    + "bench.sites.count must each be at least 1");
        }
        List<String> sections = list(settings, "bench.sections");
        List<String> all = sections.contains("all") ? SECTIONS : sections;
        if (!Set.copyOf(SECTIONS).containsAll(all)) {
            throw new ConfigException("setting 'bench.sections' takes all or some of " + String.join(",", SECTIONS)
                    + ", got '" + settings.string("bench.sections") + "'");
        }
        List<Integer> rates;
        try {
            rates = list(settings, "bench.latency.rates").stream().map(Integer::parseInt).toList();
        } catch (NumberFormatException e) {
            throw new ConfigException("setting 'bench.latency.rates' must be events per second, e.g. 1000,10000, got '"
                    + settings.string("bench.latency.rates") + "'");
        }
        return new BenchSettings(events, posts, settings.duration("bench.span"), repeats, list(settings, "bench.guarantees"),
                settings.path("bench.output.dir"), all, rates, settings.duration("bench.latency.warmup"), settings.duration("bench.latency.duration"),
                settings.decimal("bench.latency.surge.probes.per.second"), settings.integer("bench.dispatcher.alerts"),
                EdgeSettings.from(settings), settings.optional("bench.flink.jar").map(Path::of), flinkParallelism,
                SweepSettings.from(settings), sitesEvents, sitesCount);
    }

    boolean runs(String section) {
        return sections.contains(section);
    }

    private static List<String> list(Settings settings, String key) {
        return Arrays.stream(settings.string(key).split(",")).map(String::trim).filter(g -> !g.isEmpty()).toList();
    }
}
