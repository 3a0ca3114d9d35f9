package org.flowwatch.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.flowwatch.schemas.config.Settings;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.schemas.topics.Topics;
import org.flowwatch.streams.arrivals.ArrivalsApp;
import org.flowwatch.streams.runtime.StreamsSettings;

/**
 * Section 1 of the benchmarks, over the preloaded crossings: in one run on one broker, the raw consumer (physical limit), the
 * same windowed count in Flink (the peer an engineer would pick instead), a bare windowed count (the floor of any Streams app)
 * and the full flowwatch topology, each repeated, the Streams ones under each processing guarantee.
 */
final class ThroughputBench {

    private final BenchSettings bench;
    private final Settings wired;
    private final Path stateDir;
    private final Consumer<String> progress;

    ThroughputBench(BenchSettings bench, Settings wired, Path stateDir, Consumer<String> progress) {
        this.bench = bench;
        this.wired = wired;
        this.stateDir = stateDir;
        this.progress = progress;
    }

    /** Each full-topology run is checked against {@code peopleSent}: a run that counted wrong fails the bench. */
    List<Figures> run(Map<String, Object> kafka, FlowwatchSerdes serdes, long peopleSent) throws Exception {
        List<Figures> results = new ArrayList<>();
        results.add(repeat("raw consumer", () -> RawConsumerRun.recordsPerSecond(kafka, bench.events())));
        if (bench.flinkJar().isPresent()) {
            FlinkWindowedCount flink = new FlinkWindowedCount(bench.flinkJar().get(), bench.flinkParallelism(),
                    wired.duration("streams.commit.interval"), stateDir, progress);
            results.add(repeat(FlinkWindowedCount.NAME, () -> flink.recordsPerSecond(kafka, bench.events())));
        }
        for (String guarantee : bench.guarantees()) {
            results.add(repeat("bare 1 h windowed count, " + guarantee, () -> bare(kafka, guarantee, bench.events(), 1)));
            results.add(repeat("full flowwatch topology, " + guarantee, () -> full(kafka, serdes, guarantee, bench.events(), 1, peopleSent)));
        }
        progress.accept(String.format("every full-topology run counted exactly the %,d people sent", peopleSent));
        return results;
    }

    /** One run of the bare windowed count over the whole input, in this many instances: records per second. */
    double bare(Map<String, Object> kafka, String guarantee, long events, int instances) throws Exception {
        return timeStreams(kafka, guarantee, BareWindowedCount::build, events, instances, "flowwatch-bench-" + UUID.randomUUID());
    }

    /** One run of the full topology, refused unless its operation-wide daily counts hold exactly {@code peopleSent}. */
    double full(Map<String, Object> kafka, FlowwatchSerdes serdes, String guarantee, long events, int instances, long peopleSent)
            throws Exception {
        return full(kafka, serdes, guarantee, events, instances, peopleSent, "flowwatch-bench-" + UUID.randomUUID());
    }

    /** The same under this application id: its state stays in {@link #stateDirOf} once the run has closed. */
    double full(Map<String, Object> kafka, FlowwatchSerdes serdes, String guarantee, long events, int instances, long peopleSent,
                String applicationId) throws Exception {
        Map<TopicPartition, Long> lateBefore = CountCheck.committedEnds(kafka, Topics.ARRIVALS_LATE.name());
        double rate = timeStreams(kafka, guarantee, props -> ArrivalsApp.topology(StreamsSettings.from(wired).withKafkaStreams(props)),
                events, instances, applicationId);
        long counted = CountCheck.operationWidePeople(kafka, serdes);
        if (counted != peopleSent) {
            throw new CountCheck.CountMismatch(guarantee, counted, peopleSent, CountCheck.lateOperationWidePeople(kafka, serdes, lateBefore));
        }
        return rate;
    }

    Consumer<String> progress() {
        return progress;
    }

    Path stateDirOf(String applicationId) {
        return stateDir.resolve(applicationId);
    }

    private double timeStreams(Map<String, Object> kafka, String guarantee, StreamsRun.TopologyFactory topology, long events,
                               int instances, String applicationId) throws Exception {
        Properties props = StreamsRun.props(StreamsSettings.from(wired).kafkaStreams(), applicationId, guarantee, stateDirOf(applicationId));
        return StreamsRun.recordsPerSecond(topology, props, kafka, events, instances, progress);
    }

    /** {@code bench.repeats} runs of one measurement: median, min and max of records per second. */
    Figures repeat(String name, Measurement measurement) throws Exception {
        List<Double> values = new ArrayList<>();
        for (int i = 1; i <= bench.repeats(); i++) {
            double value = measurement.run();
            progress.accept(String.format("%s: run %d/%d %,.0f records/s", name, i, bench.repeats(), value));
            values.add(value);
        }
        return new Figures(name, "records/s", values);
    }

    @FunctionalInterface
    interface Measurement {
        double run() throws Exception;
    }
}
