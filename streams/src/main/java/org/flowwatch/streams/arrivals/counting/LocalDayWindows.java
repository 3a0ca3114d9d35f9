package org.flowwatch.streams.arrivals.counting;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.apache.kafka.streams.kstream.Windows;

/**
 * Tumbling windows of one local day of the operation (midnight to midnight in its time zone). Kafka's
 * {@code TimeWindows} are aligned to the epoch, i.e. to UTC midnight; shifting timestamps by the zone's offset would
 * also shift the record times everyone downstream sees, and break on a daylight-saving change. A custom
 * {@link Windows} keeps real timestamps and finds the day with {@code java.time}.
 *
 * <p>Gotcha: window stores derive a window's end from {@link #size()} (24 h). In a zone with daylight saving, the end
 * of the 23 h and 25 h days read back from the store (the /counts query) is off by an hour (the counts are not); the
 * published counts carry the real end ({@link ScopeCounter} takes each day from here, where the suppression buffer it
 * replaced gave back start + 24 h for FINAL counts). Asia/Yerevan has had no daylight saving since 2012.
 */
public final class LocalDayWindows extends Windows<LocalDay> {

    private static final long DAY_MS = Duration.ofDays(1).toMillis();

    private final ZoneId zone;
    private final Duration grace;

    public LocalDayWindows(ZoneId zone, Duration grace) {
        this.zone = zone;
        this.grace = grace;
    }

    @Override
    public Map<Long, LocalDay> windowsFor(long timestamp) {
        LocalDate day = Instant.ofEpochMilli(timestamp).atZone(zone).toLocalDate();
        long start = day.atStartOfDay(zone).toInstant().toEpochMilli();
        long end = day.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
        return Map.of(start, new LocalDay(start, end));
    }

    @Override
    public long size() {
        return DAY_MS;
    }

    @Override
    public long gracePeriodMs() {
        return grace.toMillis();
    }

    public ZoneId zone() {
        return zone;
    }
}
