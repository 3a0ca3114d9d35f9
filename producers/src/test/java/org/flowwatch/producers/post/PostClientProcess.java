package org.flowwatch.producers.post;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.flowwatch.producers.journal.JournalEntry;
import org.flowwatch.producers.journal.JournalSettings;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.schemas.serde.RegistrySettings;

/**
 * A border post as a real process, for the crash test: records {@code count} crossings one every {@code intervalMs}
 * and prints each eventId once it is in the journal, then waits until the backlog is sent and prints "drained".
 * Arguments: journalDir bootstrapServers registryUrl postId count intervalMs.
 */
public final class PostClientProcess {

    private PostClientProcess() {
    }

    public static void main(String[] args) throws Exception {
        PostSettings settings = new PostSettings(args[3], JournalSettings.in(Path.of(args[0])), Duration.ofSeconds(1),
                50, Duration.ofSeconds(4), Duration.ofSeconds(1), Duration.ofSeconds(120), new GroupSizeLimit(200));
        int count = Integer.parseInt(args[4]);
        long intervalMs = Long.parseLong(args[5]);
        FlowwatchSerdes serdes = FlowwatchSerdes.forRegistry(RegistrySettings.of(args[2]));
        try (PostClient client = PostClient.start(settings, Map.of("bootstrap.servers", args[1]), serdes, Clock.systemUTC())) {
            for (int i = 0; i < count; i++) {
                JournalEntry entry = client.record(Map.of(CrossingFields.PEOPLE, String.valueOf(1 + i % 8)));
                System.out.println("recorded " + entry.crossing().getEventId());
                System.out.flush();
                TimeUnit.MILLISECONDS.sleep(intervalMs); // pacing a simulated officer
            }
            System.out.println(client.awaitDrained(settings.drainTimeout()) ? "drained" : "not drained");
            System.out.flush();
        }
    }
}
