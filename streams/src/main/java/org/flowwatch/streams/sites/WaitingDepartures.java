package org.flowwatch.streams.sites;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.flowwatch.schemas.avro.SiteInput;
import org.flowwatch.schemas.avro.SiteMovement;

/**
 * Departures (and transfers out) of more people than are counted at a site yet, held for a while instead of refused
 * at once: the crossings of those people may still be on their way (a post's journal draining after a night offline,
 * or simply another partition of another topic read a moment later). Each is applied as soon as enough people are
 * counted there, and dead-lettered with its reason once the crossings read are {@code sites.departure.wait} past it
 * (measured on the crossings, not on the operation clock, which the few movements and supplies can run far ahead of).
 */
final class WaitingDepartures {

    static final String STORE = "site-waiting-departures-store";

    private final KeyValueStore<String, SiteInput> waiting;

    WaitingDepartures(KeyValueStore<String, SiteInput> waiting) {
        this.waiting = waiting;
    }

    /** Whether a refusal is one that more counted people could lift. */
    static boolean mayWaitFor(LedgerChange refused, Object event) {
        return "population-negative".equals(refused.rule()) && event instanceof SiteMovement;
    }

    void hold(String eventId, SiteInput input) {
        waiting.put(eventId, input);
    }

    void release(String eventId) {
        waiting.delete(eventId);
    }

    /** Every waiting departure, oldest first, with its eventId. */
    List<KeyValue<String, SiteInput>> all() {
        List<KeyValue<String, SiteInput>> all = new ArrayList<>();
        try (KeyValueIterator<String, SiteInput> entries = waiting.all()) {
            entries.forEachRemaining(all::add);
        }
        all.sort(Comparator.comparing((KeyValue<String, SiteInput> entry) -> occurredAt(entry.value)).thenComparing(entry -> entry.key));
        return all;
    }

    static long occurredAt(SiteInput input) {
        return ((SiteMovement) input.getEvent()).getOccurredAt().toEpochMilli();
    }
}
