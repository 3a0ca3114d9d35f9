package org.flowwatch.cli;

import java.util.Map;
import org.flowwatch.producers.replay.CurveReplay;
import org.flowwatch.producers.replay.ReplaySettings;
import org.flowwatch.producers.replay.ScenarioReplay;
import org.flowwatch.schemas.config.CommonSettings;
import org.flowwatch.schemas.config.Settings;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import picocli.CommandLine.Command;

@Command(name = "replay", description = "Replay the reported 2023 arrivals curve into the crossings topic.")
final class ReplayCommand extends SettingsCommand {

    @Override
    int run(Settings settings) throws InterruptedException {
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
}
