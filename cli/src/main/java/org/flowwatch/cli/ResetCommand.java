package org.flowwatch.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.StreamsConfig;
import org.flowwatch.schemas.config.CommonSettings;
import org.flowwatch.schemas.config.Settings;
import org.flowwatch.streams.runtime.AppTopics;
import org.flowwatch.streams.runtime.ApplicationReset;
import org.flowwatch.streams.arrivals.ArrivalsApp;
import org.flowwatch.streams.runtime.StreamsSettings;
import org.flowwatch.streams.sites.SitesApp;
import org.flowwatch.streams.sites.SitesSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "reset", description = {
        "Make a stopped streams app reprocess its inputs from the start: offsets to earliest, internal topics deleted, "
                + "local state wiped. Refuses while the app's group has active members.",
        "Compacted outputs (the counts) are rewritten with the same values; append-only outputs would get their records "
                + "again: --truncate-outputs empties them first (do that for arrivals when the sites app is reset too)."})
final class ResetCommand extends SettingsCommand {

    @Option(names = "--app", paramLabel = "APP", defaultValue = "arrivals",
            description = "Which app to reset: arrivals (default), sites or all (arrivals first).")
    StreamsCommand.App app;

    @Option(names = "--truncate-outputs", description = "Delete the records of the app's append-only outputs first.")
    boolean truncateOutputs;

    @Override
    int run(Settings settings) {
        PrintWriter out = config.out();
        try (Admin admin = Admin.create(CommonSettings.kafkaClient(settings))) {
            ApplicationReset reset = new ApplicationReset(admin);
            if (app.arrivals()) {
                StreamsSettings arrivals = StreamsSettings.from(settings);
                report(out, reset.reset(settings.string("streams.application.id"), AppTopics.of(ArrivalsApp.topology(arrivals)),
                        Path.of(arrivals.kafkaStreams().getProperty(StreamsConfig.STATE_DIR_CONFIG)), truncateOutputs));
            }
            if (app.sites()) {
                SitesSettings sites = SitesSettings.from(settings);
                report(out, reset.reset(settings.string("sites.application.id"), AppTopics.of(SitesApp.topology(sites)),
                        Path.of(sites.kafkaStreams().getProperty(StreamsConfig.STATE_DIR_CONFIG)), truncateOutputs));
            }
        }
        return 0;
    }

    private static void report(PrintWriter out, ApplicationReset.Outcome outcome) {
        String app = outcome.applicationId();
        out.println("reset " + app + ": offsets to earliest on " + outcome.rewound().entrySet().stream()
                .map(entry -> entry.getKey() + " (" + entry.getValue() + " partitions)").collect(Collectors.joining(", ")));
        out.println(outcome.deletedInternalTopics().isEmpty() ? "no internal topics of " + app + " to delete"
                : "deleted internal topics of " + app + ": " + String.join(", ", outcome.deletedInternalTopics()));
        if (!outcome.truncatedOutputs().isEmpty()) {
            out.println("emptied append-only outputs: " + String.join(", ", outcome.truncatedOutputs()));
        }
        if (!outcome.appendOnlyOutputsKept().isEmpty()) {
            out.println("kept append-only outputs (the rerun writes their records again; --truncate-outputs empties them): "
                    + String.join(", ", outcome.appendOnlyOutputsKept()));
        }
        out.println(outcome.wipedState().map(dir -> "wiped local state " + dir).orElse("no local state of " + app + " on this machine")
                + "; on other machines delete <streams.state.dir>/" + app + " before starting the app there");
    }
}
