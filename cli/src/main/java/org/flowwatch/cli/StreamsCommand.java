package org.flowwatch.cli;

import java.time.Duration;
import java.util.Optional;
import org.flowwatch.schemas.config.Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "streams", description = "The Kafka Streams apps: run them, or reset one to process its inputs again (also `flowwatch reset`).",
        subcommands = {StreamsCommand.Run.class, ResetCommand.class})
final class StreamsCommand {

    @Command(name = "run", description = "Run the streams apps until SIGTERM or Ctrl-C; exits 1 if one fails.")
    static final class Run extends SettingsCommand {

        @Option(names = "--app", paramLabel = "APP", defaultValue = "all",
                description = "Which app to run: arrivals, sites (stock and alerts, with its HTTP queries) or all (default).")
        App app;

        @Override
        int run(Settings settings) throws InterruptedException {
            try (RunningApps apps = RunningApps.start(settings, app.arrivals(), app.sites(), true)) {
                Runtime.getRuntime().addShutdownHook(new Thread(apps::close, "flowwatch-shutdown"));
                apps.awaitRunning(Duration.ofMinutes(2)).forEach(config.out()::println);
                Optional<String> failure = apps.awaitFirstStopped();
                failure.ifPresent(error -> config.err().println("flowwatch: streams app failed: " + error));
                return failure.isPresent() ? OneLineErrors.FAILED : 0;
            }
        }
    }

    /** The apps {@code streams run} can run. */
    enum App {
        arrivals, sites, all;

        boolean arrivals() {
            return this != sites;
        }

        boolean sites() {
            return this != arrivals;
        }
    }
}
