package org.flowwatch.streams.dedupe;

import java.time.Duration;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.flowwatch.schemas.avro.CrossingEvent;
import org.flowwatch.streams.metrics.ArrivalMetrics;

/**
 * Lets through the first copy of each crossing (by eventId) and drops resends within the horizon, counting them in
 * {@code duplicate-total}. The ids live in a window store whose retention is the horizon: old segments are dropped
 * whole, so the store forgets ids after the horizon without a punctuator. Crossings are keyed by post, and a resend
 * comes from the same post, so all copies meet in the same task without a repartition.
 */
public final class FirstSeenCrossings implements FixedKeyProcessor<String, CrossingEvent, CrossingEvent> {

    private final String storeName;
    private final Duration horizon;
    private FixedKeyProcessorContext<String, CrossingEvent> context;
    private WindowStore<String, Long> seen;
    private ArrivalMetrics metrics;

    public FirstSeenCrossings(String storeName, Duration horizon) {
        this.storeName = storeName;
        this.horizon = horizon;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, CrossingEvent> context) {
        this.context = context;
        this.seen = context.getStateStore(storeName);
        this.metrics = new ArrivalMetrics(context.metrics(), "crossings");
    }

    @Override
    public void process(FixedKeyRecord<String, CrossingEvent> record) {
        String eventId = record.value().getEventId().toString();
        long at = record.timestamp();
        if (seenBefore(eventId, at)) {
            metrics.count("duplicate");
            return;
        }
        seen.put(eventId, at, at);
        context.forward(record);
    }

    private boolean seenBefore(String eventId, long at) {
        try (WindowStoreIterator<Long> copies = seen.fetch(eventId, at - horizon.toMillis(), at + horizon.toMillis())) {
            return copies.hasNext();
        }
    }
}
