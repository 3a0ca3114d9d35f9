package org.flowwatch.streams.arrivals.counting;

import org.apache.kafka.streams.kstream.Window;
import org.apache.kafka.streams.kstream.Windows;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.flowwatch.streams.runtime.metrics.ArrivalMetrics;

/**
 * Stands in front of a windowed count and takes out the crossings it would drop. Kafka Streams' windowed
 * aggregation skips, with only a metric, a record whose window ended more than the grace before its observed stream
 * time; this gate applies the same rule with the same stream time (the highest timestamp it has passed on, kept in a
 * store so it survives a restart) and marks such crossings late, so they can be written to the late topic and
 * counted in {@code late-<granularity>-total}. What it lets through the aggregation always accepts.
 */
public final class LateCrossingGate implements FixedKeyProcessor<String, CountedCrossing, Timeliness> {

    private static final String STREAM_TIME = "stream-time";

    private final Windows<? extends Window> windows;
    private final String storeName;
    private final String granularity;
    private FixedKeyProcessorContext<String, Timeliness> context;
    private KeyValueStore<String, Long> streamTimes;
    private ArrivalMetrics metrics;
    private Long streamTime; // the store's value, read once per task: it is read on every crossing

    public LateCrossingGate(Windows<? extends Window> windows, String storeName, String granularity) {
        this.windows = windows;
        this.storeName = storeName;
        this.granularity = granularity;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Timeliness> context) {
        this.context = context;
        this.streamTimes = context.getStateStore(storeName);
        this.metrics = new ArrivalMetrics(context.metrics(), "crossings");
        this.streamTime = streamTimes.get(STREAM_TIME);
    }

    @Override
    public void process(FixedKeyRecord<String, CountedCrossing> record) {
        long now = advanceStreamTime(record.timestamp());
        long closedBefore = now - windows.gracePeriodMs();
        Window window = windows.windowsFor(record.timestamp()).values().iterator().next();
        if (window.end() <= closedBefore) {
            metrics.count("late-" + granularity);
            context.forward(record.withValue(new Timeliness(record.value(), window, now)));
        } else {
            context.forward(record.withValue(new Timeliness(record.value(), null, now)));
        }
    }

    private long advanceStreamTime(long timestamp) {
        if (streamTime == null || timestamp > streamTime) {
            streamTime = timestamp;
            streamTimes.put(STREAM_TIME, streamTime);
        }
        return streamTime;
    }
}
