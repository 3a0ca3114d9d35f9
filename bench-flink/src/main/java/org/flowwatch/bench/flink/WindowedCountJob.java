package org.flowwatch.bench.flink;

import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;

/**
 * The job an engineer would write instead of the bare Kafka Streams count: crossings per post per 1 h event-time
 * window, exactly once into Kafka. Like {@code BareWindowedCount} it reads the record key (the post id) and the
 * record timestamp (the crossing's event time) and never decodes the Avro value. Out-of-orderness equals the bare
 * count's grace. The source is bounded at the input's end as of the start, so the job finishes; its final
 * checkpoint commits the sink's last transaction before it does.
 */
final class WindowedCountJob {

    private static final Duration POLL = Duration.ofMillis(5);
    // Flink's sink asks for 1 h by default, above the broker's transaction.max.timeout.ms (15 min): refused.
    private static final String TRANSACTION_TIMEOUT_MS = Long.toString(Duration.ofMinutes(1).toMillis());

    private final PeerArgs args;

    WindowedCountJob(PeerArgs args) {
        this.args = args;
    }

    /** How long the job took: from the first crossing read, and from its RUNNING status, to its end with its output committed. */
    record Timing(Duration fromFirstRecord, Duration fromRunning) {
    }

    /** Runs the job on a local MiniCluster until it has finished. */
    Timing run() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(args.parallelism(), configuration());
        env.enableCheckpointing(args.checkpointInterval().toMillis(), CheckpointingMode.EXACTLY_ONCE);
        env.fromSource(source(), WatermarkStrategy.forBoundedOutOfOrderness(args.outOfOrderness()), "crossings-source")
                .uid("crossings-source")
                .keyBy(new PostIdKey())
                .window(TumblingEventTimeWindows.of(args.window()))
                .aggregate(new CountCrossings(), new TagWithPost())
                .name("count-per-post-hour").uid("count-per-post-hour")
                .sinkTo(sink()).name("counts-sink").uid("counts-sink");
        JobClient job = env.executeAsync("flowwatch-flink-peer-" + args.runId());
        awaitRunning(job);
        long running = System.nanoTime();
        job.getJobExecutionResult().get();
        long finished = System.nanoTime();
        return new Timing(Duration.ofNanos(finished - FirstRecordClock.firstReadNanos()), Duration.ofNanos(finished - running));
    }

    private Configuration configuration() {
        Configuration config = new Configuration();
        // A failure is the result: the default strategy would retry for minutes and hide it.
        config.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        // Flink's default: window state on the heap, snapshotted to a directory (here the bench's temporary one).
        config.set(StateBackendOptions.STATE_BACKEND, "hashmap");
        config.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        config.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, args.checkpointDir().toUri().toString());
        // The MiniCluster's REST endpoint on any free port: other processes share this machine.
        config.set(RestOptions.BIND_PORT, "0");
        return config;
    }

    private KafkaSource<String> source() {
        return KafkaSource.<String>builder()
                .setBootstrapServers(args.bootstrapServers())
                .setTopics(args.inputTopic())
                .setGroupId("flowwatch-flink-peer-" + args.runId())
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setBounded(OffsetsInitializer.latest())
                .setDeserializer(new PostIdOnly())
                // As Kafka Streams reads under exactly_once_v2.
                .setProperty("isolation.level", "read_committed")
                .build();
    }

    private KafkaSink<Tuple2<String, Long>> sink() {
        return KafkaSink.<Tuple2<String, Long>>builder()
                .setBootstrapServers(args.bootstrapServers())
                .setRecordSerializer(new PostCountRecord(args.outputTopic()))
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix("flowwatch-flink-peer-" + args.runId())
                .setProperty("transaction.timeout.ms", TRANSACTION_TIMEOUT_MS)
                .build();
    }

    // RUNNING is reported before the tasks are deployed and opened: a second clock, for how much start-up that is.
    private static void awaitRunning(JobClient job) throws Exception {
        var notYet = EnumSet.of(JobStatus.INITIALIZING, JobStatus.CREATED);
        while (notYet.contains(job.getJobStatus().get())) {
            TimeUnit.NANOSECONDS.sleep(POLL.toNanos());
        }
    }
}
