package org.flowwatch.cli;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.flowwatch.cli.ops.OpsEndpoint;
import org.flowwatch.schemas.config.Settings;
import org.flowwatch.streams.app.ArrivalsApp;
import org.flowwatch.streams.app.StreamsRunner;
import org.flowwatch.streams.app.StreamsSettings;
import org.flowwatch.streams.query.CountsQueryServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "streams", description = "The Kafka Streams topology.", subcommands = StreamsCommand.Run.class)
final class StreamsCommand {

    @Command(name = "run", description = "Run the arrivals topology until SIGTERM or Ctrl-C; exits 1 if it fails.")
    static final class Run implements Callable<Integer> {

        @Mixin
        ConfigOptions config;

        @Option(names = "--http-port", paramLabel = "PORT",
                description = "Port of the HTTP count queries (query.http.port, default 8090; 0 turns them off).")
        Integer httpPort;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws InterruptedException {
            Map<String, String> flags = new LinkedHashMap<>();
            ReplayCommand.ReplayOptions.putIfSet(flags, "query.http.port", httpPort);
            Settings settings = config.load(flags);
            StreamsSettings streamsSettings = StreamsSettings.from(settings);
            StreamsRunner runner = ArrivalsApp.start(streamsSettings);
            Optional<CountsQueryServer> queries = ArrivalsApp.serveQueries(runner, streamsSettings);
            OpsEndpoint ops = OpsEndpoint.start(settings.integer("ops.port"), "streams").watch("arrivals", runner.streams());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                queries.ifPresent(CountsQueryServer::close);
                runner.close();
                ops.close();
            }, "flowwatch-shutdown"));
            if (runner.awaitRunning(Duration.ofMinutes(2))) {
                spec.commandLine().getOut().println("streams app RUNNING: " + settings.string("streams.application.id")
                        + queries.map(server -> "; count queries on http port " + server.port()).orElse("")
                        + "; metrics on port " + ops.port());
            }
            runner.awaitStopped();
            return runner.failure().map(error -> {
                spec.commandLine().getErr().println("flowwatch: streams app failed: " + OneLineErrors.oneLine(error));
                return OneLineErrors.FAILED;
            }).orElse(0);
        }
    }
}
