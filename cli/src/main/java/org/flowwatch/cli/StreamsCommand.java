package org.flowwatch.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import org.flowwatch.cli.ops.OpsEndpoint;
import org.flowwatch.schemas.config.Settings;
import org.flowwatch.streams.app.ArrivalsApp;
import org.flowwatch.streams.app.StreamsRunner;
import org.flowwatch.streams.app.StreamsSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "streams", description = "The Kafka Streams topology.", subcommands = StreamsCommand.Run.class)
final class StreamsCommand {

    @Command(name = "run", description = "Run the arrivals topology until SIGTERM or Ctrl-C; exits 1 if it fails.")
    static final class Run implements Callable<Integer> {

        @Mixin
        ConfigOptions config;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws InterruptedException {
            Settings settings = config.load();
            StreamsRunner runner = ArrivalsApp.start(StreamsSettings.from(settings));
            OpsEndpoint ops = OpsEndpoint.start(settings.integer("ops.port"), "streams").watch("arrivals", runner.streams());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                runner.close();
                ops.close();
            }, "flowwatch-shutdown"));
            if (runner.awaitRunning(Duration.ofMinutes(2))) {
                spec.commandLine().getOut().printf("streams app RUNNING: %s; metrics on :%d/metrics%n",
                        settings.string("streams.application.id"), ops.port());
            }
            runner.awaitStopped();
            return runner.failure().map(error -> {
                spec.commandLine().getErr().println("flowwatch: streams app failed: " + OneLineErrors.oneLine(error));
                return OneLineErrors.FAILED;
            }).orElse(0);
        }
    }
}
