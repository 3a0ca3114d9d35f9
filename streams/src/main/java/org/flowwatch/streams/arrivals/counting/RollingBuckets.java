package org.flowwatch.streams.arrivals.counting;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The current rolling period of one key (the last 60 minutes, say), held as buckets of the period's step (5 minutes):
 * a crossing updates one bucket and the period's figure is the sum of at most length/step buckets. This replaces
 * hopping windows, where one crossing updated every one of the 12 (or 24) overlapping windows in a store and each
 * update was a read, an Avro decode, an encode and a write — 60 % of the topology's time in the benchmark.
 *
 * <p>The period ends with the bucket of the latest crossing seen for the key.
 */
public final class RollingBuckets {

    /** A rolling figure: people, groups and vehicles between start (inclusive) and end (exclusive). */
    public record Sum(long start, long end, long people, long groups, long vehicles, long updatedAt) {
    }

    private final long length;
    private final long step;
    private long[] starts;
    private long[] people;
    private long[] groups;
    private long[] vehicles;
    private int size;
    private long updatedAt;

    public RollingBuckets(Duration length, Duration step) {
        this(length.toMillis(), step.toMillis(), 0, 0);
    }

    private RollingBuckets(long length, long step, int size, long updatedAt) {
        if (step <= 0 || length % step != 0) {
            throw new IllegalArgumentException("a rolling period must be a whole number of steps: " + length + "/" + step);
        }
        this.length = length;
        this.step = step;
        int capacity = (int) (length / step);
        this.starts = new long[capacity];
        this.people = new long[capacity];
        this.groups = new long[capacity];
        this.vehicles = new long[capacity];
        this.size = size;
        this.updatedAt = updatedAt;
    }

    /**
     * Adds a crossing at {@code timestamp} and returns these buckets. A crossing older than the current period
     * changes nothing: it belongs to no current figure (it is still in the hourly and daily counts).
     */
    public RollingBuckets add(long timestamp, long crossingPeople, long crossingVehicles) {
        return add(timestamp, crossingPeople, 1, crossingVehicles);
    }

    /**
     * Adds figures at {@code timestamp}: a crossing (1 group), or a retraction of one (every figure negative, -1 group)
     * when a correction replaces it; a retraction older than the current period changes nothing, like its original.
     */
    public RollingBuckets add(long timestamp, long crossingPeople, long crossingGroups, long crossingVehicles) {
        long bucket = Math.floorDiv(timestamp, step) * step;
        if (size > 0 && bucket <= latest() - length) {
            return this;
        }
        if (size == 0 || bucket > latest()) {
            dropBefore(bucket - length + step);
            append(bucket);
        }
        int i = indexOf(bucket);
        if (i < 0) {
            i = insert(bucket);
        }
        people[i] += crossingPeople;
        groups[i] += crossingGroups;
        vehicles[i] += crossingVehicles;
        updatedAt = Math.max(updatedAt, timestamp);
        return this;
    }

    /** The figure for the period that ends with the latest bucket. */
    public Sum current() {
        return size == 0 ? new Sum(0, length, 0, 0, 0, 0) : asOf(latest());
    }

    /**
     * The figure for the period whose last step holds {@code at}, or null when part of that period is no longer
     * kept (it began before the current period).
     */
    public Sum asOf(long at) {
        long end = Math.floorDiv(at, step) * step + step;
        long start = end - length;
        if (size > 0 && start < latest() + step - length) {
            return null;
        }
        long p = 0;
        long g = 0;
        long v = 0;
        for (int i = 0; i < size; i++) {
            if (starts[i] >= start && starts[i] < end) {
                p += people[i];
                g += groups[i];
                v += vehicles[i];
            }
        }
        return new Sum(start, end, p, g, v, updatedAt);
    }

    private long latest() {
        return starts[size - 1];
    }

    private void dropBefore(long oldestKept) {
        int keepFrom = 0;
        while (keepFrom < size && starts[keepFrom] < oldestKept) {
            keepFrom++;
        }
        if (keepFrom > 0) {
            shiftLeft(keepFrom);
        }
    }

    private void shiftLeft(int by) {
        int remaining = size - by;
        System.arraycopy(starts, by, starts, 0, remaining);
        System.arraycopy(people, by, people, 0, remaining);
        System.arraycopy(groups, by, groups, 0, remaining);
        System.arraycopy(vehicles, by, vehicles, 0, remaining);
        size = remaining;
    }

    private void append(long bucket) {
        starts[size] = bucket;
        people[size] = 0;
        groups[size] = 0;
        vehicles[size] = 0;
        size++;
    }

    private int indexOf(long bucket) {
        int i = Arrays.binarySearch(starts, 0, size, bucket);
        return i >= 0 ? i : -1;
    }

    // An out-of-order crossing inside the period whose bucket has no crossing yet: keep the buckets sorted.
    private int insert(long bucket) {
        int at = -Arrays.binarySearch(starts, 0, size, bucket) - 1;
        int tail = size - at;
        System.arraycopy(starts, at, starts, at + 1, tail);
        System.arraycopy(people, at, people, at + 1, tail);
        System.arraycopy(groups, at, groups, at + 1, tail);
        System.arraycopy(vehicles, at, vehicles, at + 1, tail);
        starts[at] = bucket;
        people[at] = 0;
        groups[at] = 0;
        vehicles[at] = 0;
        size++;
        return at;
    }

    /**
     * A fixed layout of longs, written by hand: no library serde holds a few arrays of longs, and Avro would cost a
     * schema resolution on every read of a store that is read on every crossing.
     */
    public static Serde<RollingBuckets> serde(Duration length, Duration step) {
        Serializer<RollingBuckets> serializer = (topic, buckets) -> buckets == null ? null : buckets.toBytes();
        Deserializer<RollingBuckets> deserializer = (topic, bytes) -> bytes == null ? null
                : fromBytes(ByteBuffer.wrap(bytes), length.toMillis(), step.toMillis());
        return Serdes.serdeFrom(serializer, deserializer);
    }

    private byte[] toBytes() {
        ByteBuffer out = ByteBuffer.allocate(size());
        writeTo(out);
        return out.array();
    }

    int size() {
        return Integer.BYTES + Long.BYTES * (1 + 4 * size);
    }

    void writeTo(ByteBuffer out) {
        out.putInt(size).putLong(updatedAt);
        for (int i = 0; i < size; i++) {
            out.putLong(starts[i]).putLong(people[i]).putLong(groups[i]).putLong(vehicles[i]);
        }
    }

    static RollingBuckets fromBytes(ByteBuffer in, long length, long step) {
        int size = in.getInt();
        RollingBuckets buckets = new RollingBuckets(length, step, size, in.getLong());
        for (int i = 0; i < size; i++) {
            buckets.starts[i] = in.getLong();
            buckets.people[i] = in.getLong();
            buckets.groups[i] = in.getLong();
            buckets.vehicles[i] = in.getLong();
        }
        return buckets;
    }
}
