package org.flowwatch.streams.sites;

import java.time.Duration;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.flowwatch.schemas.avro.CrossingEvent;
import org.flowwatch.schemas.avro.SiteHandover;
import org.flowwatch.schemas.avro.SiteMovement;
import org.flowwatch.schemas.avro.SupplyEvent;

/**
 * The eventIds of the inputs the ledger applied, so a resent movement, supply or (raw) crossing is applied once: a
 * departure sent twice by a phone that timed out must not take twice the people off a site. A window store whose
 * retention is the horizon forgets old ids without a punctuator (as the arrivals app's dedupe does).
 */
final class AppliedInputs {

    static final String STORE = "site-input-ids-store";
    static final Duration HORIZON = Duration.ofDays(7);

    private final WindowStore<String, Long> seen;

    AppliedInputs(WindowStore<String, Long> seen) {
        this.seen = seen;
    }

    static String eventIdOf(Object event) {
        if (event instanceof CrossingEvent crossing) {
            return "crossing/" + crossing.getEventId();
        }
        if (event instanceof SiteMovement movement) {
            return "movement/" + movement.getEventId();
        }
        if (event instanceof SiteHandover handover) {
            return "handover/" + handover.getMovementId();
        }
        return "supply/" + ((SupplyEvent) event).getEventId();
    }

    boolean applied(String eventId, long at) {
        try (WindowStoreIterator<Long> copies = seen.fetch(eventId, at - HORIZON.toMillis(), at + HORIZON.toMillis())) {
            return copies.hasNext();
        }
    }

    void remember(String eventId, long at) {
        seen.put(eventId, at, at);
    }
}
