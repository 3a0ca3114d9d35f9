package org.flowwatch.producers.post;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.flowwatch.producers.journal.JournalSettings;
import org.flowwatch.schemas.config.CommonSettings;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.schemas.serde.RegistrySettings;

/**
 * A post with no network, as at a border post with the link down: recording works (journal first) and nothing can
 * be sent, so a test of what is recorded needs no broker. The group limit is the one the common defaults give.
 */
final class OfflinePost {

    // Port 1 on loopback: nothing listens, so every send fails at once and stays in the journal.
    private static final String NOWHERE = "127.0.0.1:1";

    private OfflinePost() {
    }

    static PostClient start(Path journalDir) {
        PostSettings settings = new PostSettings("kornidzor", JournalSettings.in(journalDir), Duration.ofHours(1), 50,
                Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(1),
                GroupSizeLimit.from(CommonSettings.loader().load()));
        FlowwatchSerdes serdes = FlowwatchSerdes.forRegistry(RegistrySettings.of("http://" + NOWHERE));
        return PostClient.start(settings, Map.of("bootstrap.servers", NOWHERE), serdes, Clock.systemUTC());
    }
}
