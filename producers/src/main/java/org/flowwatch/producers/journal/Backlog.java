package org.flowwatch.producers.journal;

import java.time.Instant;
import java.util.List;

/**
 * What a post has recorded but Kafka has not yet acknowledged, and the journal's health: what the heartbeat and
 * {@code flowwatch post status} show ("1,200 events pending since 06:10").
 */
public record Backlog(int pendingEvents, Instant oldestPendingAt, Instant lastSentAt, DiskUse disk,
                      List<JournalDamage> damages) {

    public Backlog {
        damages = List.copyOf(damages);
    }
}
