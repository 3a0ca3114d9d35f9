package org.flowwatch.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.flowwatch.producers.journal.CrossingJournal;
import org.flowwatch.producers.journal.JournalEntry;
import org.flowwatch.producers.post.BrokerProbe;
import org.flowwatch.producers.post.FieldException;
import org.flowwatch.producers.post.OfficerPrompt;
import org.flowwatch.producers.post.PostClient;
import org.flowwatch.producers.post.PostMessages;
import org.flowwatch.producers.post.PostSettings;
import org.flowwatch.producers.post.PostStatus;
import org.flowwatch.producers.post.TabletImport;
import org.flowwatch.schemas.config.CommonSettings;
import org.flowwatch.schemas.config.Settings;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "post", description = "The border-post client: record crossings (works with no network), send the backlog, show status.",
        subcommands = {PostCommand.Record.class, PostCommand.Correct.class, PostCommand.Withdraw.class, PostCommand.Send.class,
                PostCommand.Status.class})
final class PostCommand {

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);

    private static PostClient start(Settings settings) {
        // No registry retries: while the registry cannot answer, the post keeps crossings in its journal and sends them later.
        FlowwatchSerdes serdes = FlowwatchSerdes.forRegistry(CommonSettings.registry(settings).withRetryFor(Duration.ZERO));
        PostClient client = PostClient.start(PostSettings.from(settings), CommonSettings.kafkaClient(settings), serdes, Clock.systemUTC());
        client.journal().damages().forEach(damage -> System.err.println("flowwatch: journal DAMAGED: " + damage.describe()
                + "; crossings there cannot be sent (kept for examination)"));
        return client;
    }

    @Command(name = "record", description = "Record crossings: asks the officer group by group, or reads a tablet export (CSV with header, or JSON lines) with --input.")
    static final class Record extends SettingsCommand {

        @Option(names = "--input", paramLabel = "FILE", description = "Tablet export to record; '-' reads standard input.")
        String input;

        @Override
        int run(Settings settings) throws Exception {
            PrintWriter out = config.out();
            PostSettings postSettings = PostSettings.from(settings);
            PostMessages say = PostMessages.from(settings);
            try (PostClient client = start(settings)) {
                int exit = 0;
                if (input == null) {
                    out.println(say.say("post.recording", "post", postSettings.postId(),
                            "pending", say.pending(client.backlog(), Clock.systemUTC().instant())));
                    new OfficerPrompt(client, new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), out,
                            Clock.systemUTC(), say).run();
                } else {
                    TabletImport.Result result;
                    try (Reader reader = "-".equals(input) ? new InputStreamReader(System.in, StandardCharsets.UTF_8)
                            : Files.newBufferedReader(Path.of(input), StandardCharsets.UTF_8)) {
                        result = new TabletImport(client, config.err()).run(reader);
                    }
                    out.println(say.say("post.imported", "n", result.recorded(), "rejected", result.rejected()));
                    say.diskWarning(client.backlog().disk()).ifPresent(out::println);
                    exit = result.rejected() == 0 ? 0 : OneLineErrors.FAILED;
                }
                out.println(client.awaitDrained(postSettings.drainTimeout()) ? say.say("post.allSent")
                        : say.say("post.keptForLater", "pending", say.pending(client.backlog(), Clock.systemUTC().instant())));
                return exit;
            }
        }
    }

    /**
     * What correct and withdraw share: the crossing they revise, and how the new revision goes: journalled first, sent
     * like any crossing (store-and-forward: offline, it waits in the journal).
     */
    abstract static class Revision extends SettingsCommand {

        @Option(names = "--id", required = true, paramLabel = "EVENT_ID", description = "eventId of the crossing to ${COMMAND-NAME}.")
        UUID eventId;

        private final String what;

        Revision(String what) {
            this.what = what;
        }

        /** Journals the new revision of crossing {@link #eventId}; a field the contract refuses throws FieldException. */
        abstract JournalEntry record(PostClient client);

        @Override
        int run(Settings settings) throws InterruptedException {
            PrintWriter out = config.out();
            try (PostClient client = start(settings)) {
                JournalEntry entry;
                try {
                    entry = record(client);
                } catch (FieldException e) {
                    throw config.refused(e.getMessage()); // bad usage: exit 2, nothing recorded
                }
                out.println(what + " of " + entry.crossing().getEventId() + " recorded (revision " + entry.crossing().getRevision() + ")");
                out.println(client.awaitDrained(PostSettings.from(settings).drainTimeout()) ? "all sent to Kafka"
                        : PostMessages.from(settings).pending(client.backlog(), Clock.systemUTC().instant())
                        + ": kept in the journal and sent by the next 'flowwatch post record' or 'flowwatch post send'");
                return 0;
            }
        }
    }

    @Command(name = "correct", description = "Correct a recorded crossing: give it again, whole, as it should be (a new revision replaces it in the counts).")
    static final class Correct extends Revision {

        @Option(names = "--people", required = true, description = "Everyone in the group, as it should be.")
        String people;

        @Option(names = "--crossed-at", required = true, paramLabel = "TIME", description = "When the group crossed (ISO date-time with offset).")
        String crossedAt;

        @Option(names = "--field", paramLabel = "NAME=VALUE", description = "Any other field of the crossing (direction, vehicles, destination, female_0_4, ...); repeatable.")
        Map<String, String> fields = new LinkedHashMap<>();

        Correct() {
            super("correction");
        }

        @Override
        JournalEntry record(PostClient client) {
            Map<String, String> crossing = new LinkedHashMap<>(fields);
            crossing.put("people", people);
            crossing.put("crossed_at", crossedAt);
            return client.correct(eventId, crossing);
        }
    }

    @Command(name = "withdraw", description = "Withdraw a crossing recorded in error: none of its people count any more.")
    static final class Withdraw extends Revision {

        Withdraw() {
            super("withdrawal");
        }

        @Override
        JournalEntry record(PostClient client) {
            return client.withdraw(eventId, null);
        }
    }

    @Command(name = "send", description = "Send the journal's backlog and heartbeats until Ctrl-C (or until drained).")
    static final class Send extends SettingsCommand {

        @Option(names = "--until-drained", description = "Exit once nothing is pending (exit 1 if the drain timeout passes first).")
        boolean untilDrained;

        @Override
        int run(Settings settings) throws Exception {
            PrintWriter out = config.out();
            PostMessages say = PostMessages.from(settings);
            try (GracefulStop stop = new GracefulStop(); PostClient client = start(settings)) {
                out.println(say.say("post.sending", "pending", say.pending(client.backlog(), Clock.systemUTC().instant())));
                out.flush();
                if (untilDrained) {
                    boolean drained = client.awaitDrained(PostSettings.from(settings).drainTimeout());
                    out.println(drained ? say.say("post.allSent") : say.pending(client.backlog(), Clock.systemUTC().instant()));
                    return drained ? 0 : OneLineErrors.FAILED;
                }
                stop.awaitRequest();
                return 0;
            } catch (InterruptedException stopped) {
                return 0;
            }
        }
    }

    @Command(name = "status", description = "Backlog, last successful send, whether Kafka can be reached, journal health.")
    static final class Status extends SettingsCommand {

        @Override
        int run(Settings settings) {
            PostSettings postSettings = PostSettings.from(settings);
            PostMessages say = PostMessages.from(settings);
            var kafka = CommonSettings.kafkaClient(settings);
            PostStatus.lines(postSettings, CrossingJournal.inspect(postSettings.journal()),
                            BrokerProbe.problem(kafka, PROBE_TIMEOUT), String.valueOf(kafka.get("bootstrap.servers")),
                            Clock.systemUTC().instant(), say)
                    .forEach(config.out()::println);
            return 0;
        }
    }
}
