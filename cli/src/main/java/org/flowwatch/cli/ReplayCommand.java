package org.flowwatch.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.flowwatch.producers.publish.CrossingPublisher;
import org.flowwatch.producers.replay.CurveReplay;
import org.flowwatch.producers.replay.ReplaySettings;
import org.flowwatch.producers.replay.ScenarioReplay;
import org.flowwatch.schemas.config.CommonSettings;
import org.flowwatch.schemas.config.Settings;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "replay", description = "Replay the reported 2023 arrivals curve into the crossings topic.")
final class ReplayCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions config;

    @Mixin
    ReplayOptions replay;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        Settings settings = config.load(replay.asSettings(new LinkedHashMap<>()));
        ReplaySettings replaySettings = ReplaySettings.from(settings);
        ScenarioReplay.Sent sent = replay(settings,
                new ProgressBar(spec.commandLine().getOut(), replaySettings.start(), replaySettings.length()));
        spec.commandLine().getOut().printf("sent %,d people in %,d groups, all acknowledged%n", sent.people(), sent.groups());
        return 0;
    }

    /** Replays with the given settings into the Kafka and registry they name, telling {@code progress} each hour. */
    static ScenarioReplay.Sent replay(Settings settings, CurveReplay.HourListener progress) throws InterruptedException {
        ReplaySettings replaySettings = ReplaySettings.from(settings);
        FlowwatchSerdes serdes = FlowwatchSerdes.forRegistry(CommonSettings.registry(settings));
        try (CrossingPublisher publisher = new CrossingPublisher(CommonSettings.kafkaClient(settings), serdes)) {
            return new ScenarioReplay(replaySettings, publisher).run(progress);
        }
    }

    /** Replay flags, each a shortcut for a {@code replay.*} setting. */
    static final class ReplayOptions {

        @Option(names = "--hours", paramLabel = "N", description = "Hours of event time to replay (replay.hours).")
        Integer hours;

        @Option(names = "--speed", paramLabel = "X", description = "Hours of event time per hour: 3600 = an hour a second, 0 = as fast as possible (replay.speed).")
        Double speed;

        @Option(names = "--seed", paramLabel = "N", description = "Seed of the generated groups (replay.seed).")
        Long seed;

        Map<String, String> asSettings(Map<String, String> flags) {
            putIfSet(flags, "replay.hours", hours);
            putIfSet(flags, "replay.speed", speed);
            putIfSet(flags, "replay.seed", seed);
            return flags;
        }

        static void putIfSet(Map<String, String> flags, String key, Object value) {
            if (value != null) {
                flags.put(key, value.toString());
            }
        }
    }
}
