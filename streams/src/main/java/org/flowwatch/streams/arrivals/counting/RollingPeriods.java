package org.flowwatch.streams.arrivals.counting;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The rolling periods of one scope key (the last hour in 5-minute buckets, the last 24 h in hourly ones), kept as one
 * value: every crossing moves all of them, so one store write per crossing serves them all.
 */
public final class RollingPeriods {

    private final List<ScopeCounter.Period> periods;
    private final RollingBuckets[] buckets;

    private RollingPeriods(List<ScopeCounter.Period> periods, RollingBuckets[] buckets) {
        this.periods = periods;
        this.buckets = buckets;
    }

    /** No crossing yet in any of {@code periods}. */
    public static RollingPeriods empty(List<ScopeCounter.Period> periods) {
        RollingBuckets[] buckets = new RollingBuckets[periods.size()];
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = new RollingBuckets(periods.get(i).length(), periods.get(i).step());
        }
        return new RollingPeriods(periods, buckets);
    }

    int count() {
        return buckets.length;
    }

    RollingBuckets get(int period) {
        return buckets[period];
    }

    /** The buckets of the period of {@code length}. */
    public RollingBuckets of(Duration length) {
        for (int i = 0; i < buckets.length; i++) {
            if (periods.get(i).length().equals(length)) {
                return buckets[i];
            }
        }
        throw new IllegalArgumentException("no rolling period of " + length);
    }

    /** Each period's buckets in turn, in the layout of {@link RollingBuckets#serde}. */
    public static Serde<RollingPeriods> serde(List<ScopeCounter.Period> periods) {
        List<ScopeCounter.Period> layout = List.copyOf(periods);
        Serializer<RollingPeriods> serializer = (topic, value) -> {
            if (value == null) {
                return null;
            }
            int size = 0;
            for (RollingBuckets period : value.buckets) {
                size += period.size();
            }
            ByteBuffer out = ByteBuffer.allocate(size);
            for (RollingBuckets period : value.buckets) {
                period.writeTo(out);
            }
            return out.array();
        };
        Deserializer<RollingPeriods> deserializer = (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            ByteBuffer in = ByteBuffer.wrap(bytes);
            RollingBuckets[] buckets = new RollingBuckets[layout.size()];
            for (int i = 0; i < buckets.length; i++) {
                buckets[i] = RollingBuckets.fromBytes(in, layout.get(i).length().toMillis(), layout.get(i).step().toMillis());
            }
            return new RollingPeriods(layout, buckets);
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }
}
