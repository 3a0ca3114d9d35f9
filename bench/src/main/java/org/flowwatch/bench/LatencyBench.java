package org.flowwatch.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.flowwatch.schemas.config.Settings;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.streams.arrivals.ArrivalsApp;
import org.flowwatch.streams.runtime.StreamsRunner;
import org.flowwatch.streams.runtime.StreamsSettings;
import org.flowwatch.streams.sites.SitesApp;
import org.flowwatch.streams.sites.SitesSettings;

/**
 * Section 2: end-to-end latency at fixed input rates. For each rate, fresh arrivals and sites apps (exactly_once_v2)
 * run while crossings stamped "now" arrive paced from the bench's posts; read_committed consumers see (a) each
 * post's hourly count and (b) the SURGE alert of a probe crossing big enough on its own to cross the surge level.
 */
final class LatencyBench {

    /** The surge level during this section: low, so one probe crossing of {@link #PROBE_PEOPLE} crosses it. */
    static final int SURGE_LEVEL = 50;
    static final int PROBE_PEOPLE = 60;
    private static final Duration CATCH_UP_LIMIT = Duration.ofSeconds(60);

    private final BenchSettings bench;
    private final Section section;

    LatencyBench(BenchSettings bench, Section section) {
        this.bench = bench;
        this.section = section;
    }

    /**
     * Each rate on a fresh broker: apps start from the earliest offset, so no earlier rate becomes a backlog. First one
     * pass at the first rate, not quoted, as the throughput and sweep sections do: in a JVM that has run nothing yet
     * (this section run alone) the first rate's p99 was two to three times the warm one (at 1,000/s to count 755
     * against 271 ms, to SURGE 1,199 against 439 ms), the JIT still compiling the broker's and the apps' paths, which a
     * few seconds of warm-up at 1,000/s do not cover. Then each rate {@code bench.repeats} times, each run on a fresh
     * broker, quoted as the median of the runs: one 20 s run at 10,000/s on this 2-core machine gave a p99 anywhere from
     * 1 to 12 s with the same jar (docs/tuning.md, 7 December, fifth session).
     */
    List<LatencyFigures> run() throws Exception {
        int first = bench.latencyRates().get(0);
        section.report(String.format("latency: a warm-up pass at %,d events/s, not quoted", first));
        atFreshRate(first);
        List<LatencyFigures> results = new ArrayList<>();
        for (int rate : bench.latencyRates()) {
            List<LatencyFigures> runs = new ArrayList<>();
            for (int run = 1; run <= bench.repeats(); run++) {
                runs.add(atFreshRate(rate));
            }
            LatencyFigures median = LatencyFigures.medianOf(runs);
            if (runs.size() > 1) {
                section.report(median.describe());
            }
            results.add(median);
        }
        return results;
    }

    private LatencyFigures atFreshRate(int rate) throws Exception {
        String run = "latency-" + rate + "-" + UUID.randomUUID().toString().substring(0, 8);
        try (BenchStack stack = section.startStack(run)) {
            return atRate(stack, run, rate);
        }
    }

    private LatencyFigures atRate(BenchStack stack, String run, int rate) throws Exception {
        Map<String, Object> kafka = stack.kafka();
        Settings settings = stack.settings(Map.of(
                "streams.application.id", "flowwatch-bench-arrivals-" + run,
                "sites.application.id", "flowwatch-bench-sites-" + run,
                "streams.processing.guarantee", "exactly_once_v2",
                "streams.state.dir", section.path(run).resolve("state").toString(),
                "sites.surge.people.per.hour", Integer.toString(SURGE_LEVEL)));
        FlowwatchSerdes serdes = FlowwatchSerdes.forRegistry(StreamsSettings.from(settings).registry());
        Duration sending = bench.latencyWarmup().plus(bench.latencyDuration());
        int probes = (int) Math.max(1, sending.toSeconds() * bench.surgeProbesPerSecond());
        LiveCrossings live = new LiveCrossings(kafka, serdes, bench.posts(), run, probes);
        live.registerPosts();
        CrossingLedger ledger = new CrossingLedger();
        Latencies toCount = new Latencies();
        Latencies toAlert = new Latencies();
        try (StreamsRunner arrivals = ArrivalsApp.start(StreamsSettings.from(settings));
             StreamsRunner sites = SitesApp.start(SitesSettings.from(settings));
             OutputWatch watch = OutputWatch.start(kafka, serdes, run, ledger, live, toCount, toAlert)) {
            awaitRunning(arrivals, "arrivals");
            awaitRunning(sites, "sites");
            section.report(String.format("latency at %,d events/s for %s after a %s warm-up", rate, bench.latencyDuration(),
                    bench.latencyWarmup()));
            // Crossings of the warm-up (JIT, first transactions, caches filling) are sent and counted, not sampled.
            watch.sampleFrom(System.currentTimeMillis() + bench.latencyWarmup().toMillis());
            double achieved = live.send(new Pacer(rate), sending, bench.surgeProbesPerSecond(), ledger);
            if (!watch.awaitCaughtUp(probes, CATCH_UP_LIMIT)) {
                section.report("  the apps had not caught up " + CATCH_UP_LIMIT.toSeconds() + " s after the last crossing: samples are missing");
            }
            LatencyFigures figures = new LatencyFigures(rate, achieved, toCount.summary(), toAlert.summary(),
                    (int) (bench.latencyDuration().toSeconds() * bench.surgeProbesPerSecond()));
            section.report(figures.describe());
            return figures;
        }
    }

    private static void awaitRunning(StreamsRunner runner, String app) throws InterruptedException {
        if (!runner.awaitRunning(Duration.ofMinutes(2))) {
            throw new IllegalStateException(app + " app did not reach RUNNING: " + runner.state());
        }
    }
}
