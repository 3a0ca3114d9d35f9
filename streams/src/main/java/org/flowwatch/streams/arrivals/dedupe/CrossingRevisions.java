package org.flowwatch.streams.arrivals.dedupe;

import java.time.Duration;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ContextualFixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.flowwatch.schemas.avro.CrossingEvent;
import org.flowwatch.streams.runtime.metrics.ArrivalMetrics;

/**
 * Keeps the latest revision of each crossing (by eventId) within the horizon and drops resends. The first copy of an
 * eventId passes. A higher revision (a Kobo or ODK edit, a correction or withdrawal from the post) replaces the one
 * kept: this step forwards the {@link Retractions retraction} of the figures counted so far, stamped with their
 * event time, then the new revision; the counts downstream add both, so they move by exactly the difference, in the
 * windows each belongs to. A revision lower than or equal to the one kept is a resend: dropped, counted in
 * {@code duplicate-total}; a replacing one is counted in {@code correction-total}.
 *
 * <p>The revisions live in a window store (changelogged, so a restart or a replay under exactly-once gives the same
 * answer) whose retention is the horizon: old segments are dropped whole, with no punctuator. Crossings are keyed by
 * post and every revision comes from the same post, so all of them meet in the same task without a repartition.
 */
public final class CrossingRevisions extends ContextualFixedKeyProcessor<String, CrossingEvent, CrossingEvent> {

    private final String storeName;
    private final Duration horizon;
    private WindowStore<String, CrossingEvent> revisions;
    private ArrivalMetrics metrics;

    public CrossingRevisions(String storeName, Duration horizon) {
        this.storeName = storeName;
        this.horizon = horizon;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, CrossingEvent> context) {
        super.init(context);
        this.revisions = context.getStateStore(storeName);
        this.metrics = new ArrivalMetrics(context.metrics(), "crossings");
    }

    @Override
    public void process(FixedKeyRecord<String, CrossingEvent> record) {
        CrossingEvent crossing = record.value();
        String eventId = crossing.getEventId().toString();
        KeyValue<Long, CrossingEvent> kept = latestKept(eventId, record.timestamp());
        if (kept != null && kept.value.getRevision() >= crossing.getRevision()) {
            metrics.count("duplicate");
            return;
        }
        if (kept != null) {
            revisions.put(eventId, null, kept.key);
            metrics.count("correction");
            if (!kept.value.getWithdrawn()) {
                context().forward(record.withValue(Retractions.of(kept.value)).withTimestamp(kept.key));
            }
        }
        revisions.put(eventId, crossing, record.timestamp());
        context().forward(record);
    }

    // The revision kept for the eventId (a correction may have moved occurredAt, so it is looked for over the horizon
    // on both sides); normally one entry, the highest revision if ever more.
    private KeyValue<Long, CrossingEvent> latestKept(String eventId, long at) {
        KeyValue<Long, CrossingEvent> latest = null;
        try (WindowStoreIterator<CrossingEvent> kept = revisions.fetch(eventId, at - horizon.toMillis(), at + horizon.toMillis())) {
            while (kept.hasNext()) {
                KeyValue<Long, CrossingEvent> next = kept.next();
                if (latest == null || next.value.getRevision() > latest.value.getRevision()) {
                    latest = next;
                }
            }
        }
        return latest;
    }
}
