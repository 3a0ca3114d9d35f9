package org.flowwatch.streams.sites;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.flowwatch.schemas.avro.CrossingEvent;

/**
 * The revision of each crossing the ledger counted and what it counted (site, people, vulnerable people), so a
 * correction (a higher revision of the same eventId, or a withdrawal) takes exactly those back out before the new
 * figures go in, and a resend or an older revision changes nothing. Kept for the dedupe horizon in a window store,
 * as JSON (internal state: no contract in the registry).
 */
final class AppliedCrossings {

    static final String STORE = "site-applied-crossings-store";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What one revision of a crossing put on a site's ledger; {@code siteId} null when it counted nobody. */
    record Applied(int revision, String siteId, long people, double[] vulnerable, long occurredAt) {

        /**
         * Whether {@code crossing} changes nothing after this: an older revision, or a copy of the same revision, unless
         * this one was a withdrawal and that copy counts people. Such a pair is a correction that moved people to a
         * site of another ledger partition (see {@link SiteRouter}): both sites are held by one task only in tests.
         */
        boolean covers(CrossingEvent crossing) {
            return crossing.getRevision() < revision || crossing.getRevision() == revision && (siteId != null || crossing.getWithdrawn());
        }

        static Applied of(CrossingEvent crossing, String siteId, double[] vulnerable) {
            boolean counts = siteId != null && !crossing.getWithdrawn();
            return new Applied(crossing.getRevision(), counts ? siteId : null, counts ? crossing.getPeople() : 0,
                    vulnerable, crossing.getOccurredAt().toEpochMilli());
        }
    }

    private final WindowStore<String, String> applied;

    AppliedCrossings(WindowStore<String, String> applied) {
        this.applied = applied;
    }

    /** The latest revision counted of {@code eventId}, or null if none (within the horizon around {@code at}). */
    Applied latest(String eventId, long at) {
        Applied latest = null;
        try (WindowStoreIterator<String> copies = applied.fetch(eventId, at - AppliedInputs.HORIZON.toMillis(),
                at + AppliedInputs.HORIZON.toMillis())) {
            while (copies.hasNext()) {
                Applied copy = read(copies.next().value);
                latest = latest == null || copy.revision() > latest.revision() ? copy : latest;
            }
        }
        return latest;
    }

    void remember(String eventId, long at, Applied what) {
        try {
            applied.put(eventId, JSON.writeValueAsString(what), at);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write what a crossing counted", e);
        }
    }

    private static Applied read(String json) {
        try {
            return JSON.readValue(json, Applied.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read what a crossing counted", e);
        }
    }
}
