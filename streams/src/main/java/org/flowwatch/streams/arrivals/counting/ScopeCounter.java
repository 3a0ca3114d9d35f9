package org.flowwatch.streams.arrivals.counting;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Window;
import org.apache.kafka.streams.kstream.Windows;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.flowwatch.schemas.avro.ArrivalCount;
import org.flowwatch.schemas.avro.CountStatus;
import org.flowwatch.schemas.avro.CrossingEvent;
import org.flowwatch.schemas.avro.Granularity;
import org.flowwatch.schemas.avro.LateCrossing;
import org.flowwatch.schemas.avro.RollingCount;
import org.flowwatch.schemas.topics.ArrivalKeys;
import org.flowwatch.schemas.topics.RollingKeys;
import org.flowwatch.schemas.topics.Topics;
import org.flowwatch.streams.runtime.metrics.ArrivalMetrics;

/**
 * Counts one crossing in one scope (post, region or the operation) in a single step: the late rule, the hourly and
 * local-day counts, and the last-hour and last-24-h rolling figures, over three stores (hourly, daily, both rolling periods as one value), with the counts held as
 * objects between crossings. It emits what the DSL chain it replaces emitted (late gate, windowed aggregations,
 * suppression, rolling aggregations): a crossing too late for a window (its end plus grace passed in stream time) goes
 * to the late topic and counts nowhere in that granularity; each change of a count goes out PROVISIONAL; a window's
 * count goes out FINAL once, when stream time passes its end plus grace; every crossing moves its rolling figures.
 *
 * <p>When changes go out. With no record cache ({@code statestore.cache.max.bytes=0}), each change at once, as the
 * DSL did. With a cache, the DSL sent each changed count once per commit, when the cache was flushed; here a
 * punctuation every {@code commit.interval.ms} sends each count changed since the last one, and a count about to go
 * out FINAL first goes out with its last change. A task that starts (restart, rebalance) sends its open counts and
 * rolling figures once more, as they stand: changes made before the last commit but not yet sent are not lost, at the
 * cost of a repeat of figures already sent.
 *
 * <p>Stream time is the task's highest crossing time, as Kafka's stream time for these operators was; it is read back
 * from the rolling store on start (every crossing updates it), so it needs no store of its own.
 */
public final class ScopeCounter implements Processor<String, CountedCrossing, String, SpecificRecord> {

    /** One granularity of count: its windows, its store and the sink its counts go to. */
    public record Counts(Granularity granularity, Windows<? extends Window> windows, String store, String sink) {
    }

    /** One rolling period: its length and the step it moves by. */
    public record Period(Duration length, Duration step) {
    }

    /** Where the late crossings and the rolling figures go. */
    public record Sinks(String late, String rolling) {
    }

    private final List<Counts> countSpecs;
    private final String rollingStore;
    private final List<Period> periodSpecs;
    private final Sinks sinks;
    private final Deserializer<CrossingEvent> decoder;
    private final List<Granular> granularities = new ArrayList<>();
    private final List<RollingFigures.Rolling> unsentRolling = new ArrayList<>();
    private RollingFigures rolling;
    private ProcessorContext<String, SpecificRecord> context;
    private ArrivalMetrics metrics;
    private boolean sendEachChange;
    private long streamTime;

    /** One granularity's open windows, the counts changed and not yet sent (each once), the name of its late metric. */
    private record Granular(Counts spec, OpenWindows windows, List<OpenWindow> unsent, String lateMetric) {
    }

    public ScopeCounter(List<Counts> counts, String rollingStore, List<Period> periods, Sinks sinks, Deserializer<CrossingEvent> decoder) {
        this.countSpecs = List.copyOf(counts);
        this.rollingStore = rollingStore;
        this.periodSpecs = List.copyOf(periods);
        this.sinks = sinks;
        this.decoder = decoder;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.metrics = new ArrivalMetrics(context.metrics(), "crossings");
        Map<String, Object> configs = context.appConfigs();
        this.sendEachChange = Long.parseLong(String.valueOf(configs.get(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG))) == 0;
        rolling = new RollingFigures(rollingStore, periodSpecs);
        streamTime = rolling.init(context);
        unsentRolling.clear();
        if (!sendEachChange) {
            for (RollingFigures.Rolling figures : rolling.all()) {
                markUnsent(unsentRolling, figures);
            }
        }
        granularities.clear();
        for (Counts spec : countSpecs) {
            OpenWindows windows = new OpenWindows(spec.store(), spec.windows());
            List<OpenWindow> unsent = new ArrayList<>();
            List<OpenWindow> open = windows.init(context, streamTime);
            if (!sendEachChange) {
                open.forEach(window -> markUnsent(unsent, window));
            }
            granularities.add(new Granular(spec, windows, unsent, "late-" + spec.granularity().name().toLowerCase(Locale.ROOT)));
        }
        if (!sendEachChange) {
            long interval = Long.parseLong(String.valueOf(configs.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)));
            context.schedule(Duration.ofMillis(Math.max(1, interval)), PunctuationType.WALL_CLOCK_TIME, now -> sendChanges());
        }
    }

    @Override
    public void process(Record<String, CountedCrossing> record) {
        String key = record.key();
        ArrivalTally figures = record.value().figures();
        long timestamp = record.timestamp();
        streamTime = Math.max(streamTime, timestamp);
        for (Granular granular : granularities) {
            Window window = granular.windows().windowAt(timestamp);
            if (granular.windows().isClosed(window, streamTime)) {
                metrics.count(granular.lateMetric());
                sendLate(record, granular.spec().granularity(), window);
                continue;
            }
            OpenWindow open = granular.windows().add(key, window, figures, timestamp);
            if (sendEachChange) {
                sendCount(granular, open, CountStatus.PROVISIONAL, record.headers());
            } else {
                markUnsent(granular.unsent(), open);
            }
            for (OpenWindow closed : granular.windows().closeAt(streamTime)) {
                if (closed.unsent) { // its last change first (it stays listed, no longer unsent)
                    closed.unsent = false;
                    sendCount(granular, closed, CountStatus.PROVISIONAL, record.headers());
                }
                sendCount(granular, closed, CountStatus.FINAL, record.headers());
            }
        }
        RollingFigures.Rolling changed = rolling.add(key, figures, timestamp);
        if (sendEachChange) {
            sendRolling(changed, record.headers());
        } else {
            markUnsent(unsentRolling, changed);
        }
    }

    // Once per commit interval with the record cache on: each count and rolling figure changed since the last time.
    private void sendChanges() {
        Headers none = new RecordHeaders();
        for (Granular granular : granularities) {
            for (OpenWindow open : granular.unsent()) {
                if (open.unsent) {
                    open.unsent = false;
                    sendCount(granular, open, CountStatus.PROVISIONAL, none);
                }
            }
            granular.unsent().clear();
        }
        for (RollingFigures.Rolling figures : unsentRolling) {
            figures.unsent = false;
            sendRolling(figures, none);
        }
        unsentRolling.clear();
    }

    // A flag on the count rather than a set: most crossings change a count that is already waiting to go out.
    private static void markUnsent(List<OpenWindow> unsent, OpenWindow open) {
        if (!open.unsent) {
            open.unsent = true;
            unsent.add(open);
        }
    }

    private static void markUnsent(List<RollingFigures.Rolling> unsent, RollingFigures.Rolling rolling) {
        if (!rolling.unsent) {
            rolling.unsent = true;
            unsent.add(rolling);
        }
    }

    private void sendCount(Granular granular, OpenWindow open, CountStatus status, Headers headers) {
        ArrivalCount count = open.tally.label(ScopeKey.parse(open.key), granular.spec().granularity(), open.window, status);
        context.forward(new Record<String, SpecificRecord>(ArrivalKeys.of(count), count, open.timestamp, headers), granular.spec().sink());
    }

    // One figure per period, shortest first, as the two rolling aggregations sent them.
    private void sendRolling(RollingFigures.Rolling figures, Headers headers) {
        ScopeKey key = ScopeKey.parse(figures.key);
        for (int i = 0; i < periodSpecs.size(); i++) {
            RollingCount count = RollingTally.of(key, periodSpecs.get(i).length(), figures.periods.get(i).current());
            context.forward(new Record<String, SpecificRecord>(RollingKeys.of(count), count, figures.timestamp, headers), sinks.rolling());
        }
    }

    // The late topic carries the crossing whole: decoded here, the only place the counts need more than its figures.
    private void sendLate(Record<String, CountedCrossing> record, Granularity granularity, Window missed) {
        ScopeKey key = ScopeKey.parse(record.key());
        LateCrossing late = LateCrossing.newBuilder()
                .setScope(key.scope()).setScopeId(key.scopeId()).setGranularity(granularity)
                .setWindowStart(missed.startTime()).setWindowEnd(missed.endTime())
                .setStreamTime(Instant.ofEpochMilli(streamTime))
                .setCrossing(decoder.deserialize(Topics.CROSSINGS.name(), record.value().crossing()))
                .build();
        String lateKey = ArrivalKeys.of(key.scope(), key.scopeId(), granularity, key.direction(), late.getWindowStart());
        context.forward(record.<String>withKey(lateKey).<SpecificRecord>withValue(late), sinks.late());
    }
}
