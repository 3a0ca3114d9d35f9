package org.flowwatch.cli;

import org.flowwatch.producers.load.LoadGenerator;
import org.flowwatch.producers.load.LoadSettings;
import org.flowwatch.producers.publish.CrossingPublisher;
import org.flowwatch.schemas.config.CommonSettings;
import org.flowwatch.schemas.config.Settings;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import picocli.CommandLine.Command;

@Command(name = "load", description = "Send synthetic crossings at a steady or bursty rate from N posts; report the rate achieved.")
final class LoadCommand extends SettingsCommand {

    @Override
    int run(Settings settings) throws InterruptedException {
        LoadSettings load = LoadSettings.from(settings);
        config.out().printf("sending %,d records from %d posts (%s, %,.0f/s on average) ...%n",
                load.records(), load.posts(), load.pattern().name().toLowerCase(java.util.Locale.ROOT), load.rate());
        config.out().flush();
        try (CrossingPublisher publisher = new CrossingPublisher(CommonSettings.kafkaClient(settings),
                FlowwatchSerdes.forRegistry(CommonSettings.registry(settings)))) {
            config.out().println(new LoadGenerator(load, publisher).run().describe());
        }
        return 0;
    }
}
