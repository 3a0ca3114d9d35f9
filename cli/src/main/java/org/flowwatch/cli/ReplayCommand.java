package org.flowwatch.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import org.flowwatch.producers.replay.CurveReplay;
import org.flowwatch.producers.replay.ReplaySettings;
import org.flowwatch.producers.replay.ScenarioReplay;
import org.flowwatch.schemas.config.CommonSettings;
import org.flowwatch.schemas.config.Settings;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "replay", description = "Replay the reported 2023 arrivals curve into the crossings topic.")
final class ReplayCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions config;

    @Mixin
    ReplayOptions replay;

    @Override
    public Integer call() throws InterruptedException {
        Settings settings = config.settings();
        ReplaySettings replaySettings = ReplaySettings.from(settings);
        ScenarioReplay.Sent sent = replay(settings,
                new ProgressBar(config.out(), replaySettings.start(), replaySettings.length()));
        config.out().printf("sent %,d people in %,d groups (each eventId counted once; %,d resends), all acknowledged%n",
                sent.people(), sent.groups(), sent.resends());
        replaySettings.truthFile().ifPresent(file -> config.out().println("ground truth written to " + file));
        return 0;
    }

    /** Replays with the given settings into the Kafka and registry they name, telling {@code progress} each hour. */
    static ScenarioReplay.Sent replay(Settings settings, CurveReplay.HourListener progress) throws InterruptedException {
        ReplaySettings replaySettings = ReplaySettings.from(settings);
        FlowwatchSerdes serdes = FlowwatchSerdes.forRegistry(CommonSettings.registry(settings));
        Map<String, Object> kafka = CommonSettings.kafkaClient(settings);
        try (ScenarioReplay.Publishers publishers = ScenarioReplay.Publishers.open(kafka, serdes)) {
            return new ScenarioReplay(replaySettings).runInto(publishers, progress);
        }
    }

    /** Replay flags, each a shortcut for a {@code replay.*} setting. */
    static final class ReplayOptions {

        @Option(descriptionKey = "replay.hours", names = "--hours", paramLabel = "N", description = "Hours of event time to replay, or 'all' for the whole curve (replay.hours).")
        String hours;

        @Option(descriptionKey = "replay.speed", names = "--speed", paramLabel = "X", description = "Hours of event time per hour: 3600 = an hour a second, "
                + "1440 or day-a-minute, 1 or realtime, 0 or max = as fast as possible (replay.speed).")
        String speed;

        @Option(descriptionKey = "replay.seed", names = "--seed", paramLabel = "N", description = "Seed of the generated groups (replay.seed).")
        Long seed;

        @Option(descriptionKey = "replay.truth.file", names = "--truth", paramLabel = "FILE", description = "Write the ground truth here, .json or .csv (replay.truth.file).")
        java.nio.file.Path truth;

        @Option(descriptionKey = "replay.resend.share", names = "--resend-share", paramLabel = "SHARE", description = "Share of crossings sent twice with the same eventId, e.g. 0.02 (replay.resend.share).")
        Double resendShare;

        @Option(descriptionKey = "replay.silence.post", names = "--silent-post", paramLabel = "SITE", description = "A post that goes silent and delivers late (replay.silence.post; see replay.silence.*).")
        String silentPost;
    }
}
