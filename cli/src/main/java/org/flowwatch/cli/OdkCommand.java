package org.flowwatch.cli;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.flowwatch.producers.gateway.SignsOfLife;
import org.flowwatch.producers.odk.OdkPullSettings;
import org.flowwatch.producers.odk.OdkPuller;
import org.flowwatch.producers.publish.CrossingPublisher;
import org.flowwatch.producers.publish.SendTimeouts;
import org.flowwatch.producers.publish.TopicPublisher;
import org.flowwatch.schemas.avro.PostHeartbeat;
import org.flowwatch.schemas.config.CommonSettings;
import org.flowwatch.schemas.config.Settings;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.schemas.topics.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "odk", description = "ODK Central: pull a form's submissions as crossings.", subcommands = OdkCommand.Pull.class)
final class OdkCommand {

    @Command(name = "pull", description = "Pull the form's submissions (OData) every odk.poll.every until Ctrl-C, resuming at"
            + " the kept cursor; --once pulls what is there and exits.")
    static final class Pull extends SettingsCommand {

        @Option(names = "--once", description = "Pull every page past the cursor once, then exit.")
        boolean once;

        @Override
        int run(Settings settings) throws Exception {
            OdkPullSettings odk = OdkPullSettings.from(settings);
            FlowwatchSerdes serdes = FlowwatchSerdes.forRegistry(CommonSettings.registry(settings));
            Map<String, Object> kafka = SendTimeouts.within(CommonSettings.kafkaClient(settings), Duration.ofSeconds(20));
            try (CrossingPublisher publisher = new CrossingPublisher(kafka, serdes);
                 TopicPublisher<PostHeartbeat> heartbeats = new TopicPublisher<>(Topics.HEARTBEATS, kafka, serdes)) {
                OdkPuller puller = new OdkPuller(odk, publisher, SignsOfLife.to(heartbeats), Clock.systemUTC());
                if (once) {
                    OdkPuller.Run run = puller.pullOnce();
                    config.out().printf("%d submission(s) published, %d refused (see the log); cursor in %s%n",
                            run.published(), run.refused(), odk.cursorFile());
                    return 0;
                }
                config.out().printf("pulling %s project %s form %s for post %s every %s; cursor in %s%n",
                        odk.url(), odk.project(), odk.form(), odk.postId(), odk.pollEvery(), odk.cursorFile());
                config.out().flush();
                // Ctrl-C interrupts this thread: a run cut short keeps the old cursor and is pulled again next time.
                try (GracefulStop stop = new GracefulStop()) {
                    puller.run();
                } catch (InterruptedException stopped) {
                    return 0;
                }
                return 0;
            }
        }
    }
}
