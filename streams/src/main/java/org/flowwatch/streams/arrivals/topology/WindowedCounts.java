package org.flowwatch.streams.arrivals.topology;

import java.time.Duration;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Suppressed;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.kstream.Window;
import org.apache.kafka.streams.kstream.Windows;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.flowwatch.schemas.avro.ArrivalCount;
import org.flowwatch.schemas.avro.CountStatus;
import org.flowwatch.schemas.avro.CrossingEvent;
import org.flowwatch.schemas.avro.Granularity;
import org.flowwatch.schemas.avro.LateCrossing;
import org.flowwatch.schemas.avro.RollingCount;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.schemas.topics.ArrivalKeys;
import org.flowwatch.schemas.topics.RollingKeys;
import org.flowwatch.schemas.topics.TopicSpec;
import org.flowwatch.schemas.topics.Topics;
import org.flowwatch.streams.arrivals.counting.ArrivalTally;
import org.flowwatch.streams.arrivals.counting.CountedCrossing;
import org.flowwatch.streams.arrivals.counting.LateCrossingGate;
import org.flowwatch.streams.arrivals.counting.LocalDayWindows;
import org.flowwatch.streams.arrivals.counting.RollingBuckets;
import org.flowwatch.streams.arrivals.counting.RollingTally;
import org.flowwatch.streams.arrivals.counting.ScopeKey;
import org.flowwatch.streams.arrivals.counting.Timeliness;

/**
 * The counting half of {@link ArrivalsTopology}, over crossings keyed by {@link ScopeKey}. For each granularity: the
 * late gate (too-late crossings to the late topic) → tumbling windows with a grace → every change published
 * PROVISIONAL, and once more FINAL when the grace has passed (a suppression buffer, changelogged, so a restart under
 * exactly-once neither loses nor repeats a final). Rolling counts (the last 60 min in 5-minute steps, the last
 * 24 h in hourly steps) are kept per key as buckets of their step ({@link RollingBuckets}).
 */
public final class WindowedCounts {

    static final Duration HOUR = Duration.ofHours(1);
    static final Duration ROLLING_HOUR_ADVANCE = Duration.ofMinutes(5);
    static final Duration DAY = Duration.ofDays(1);

    /** One granularity of count: its windows, where its counts go, and the prefix of its operators' names. */
    record Granularities(Granularity granularity, Windows<? extends Window> windows, TopicSpec<String, ArrivalCount> topic, String name) {
        String store() {
            return StoreNames.of(granularity);
        }
    }

    /** One rolling period: its length, the step it moves by, the suffix of its names, its store. */
    public record Period(Duration length, Duration advance, String name, String store) {
    }

    private final StreamsBuilder builder;
    private final FlowwatchSerdes serdes;
    private final ArrivalsSettings settings;

    WindowedCounts(StreamsBuilder builder, FlowwatchSerdes serdes, ArrivalsSettings settings) {
        this.builder = builder;
        this.serdes = serdes;
        this.settings = settings;
    }

    static Granularities hourly(ArrivalsSettings settings) {
        return new Granularities(Granularity.HOUR, TimeWindows.ofSizeAndGrace(HOUR, settings.hourlyGrace()),
                Topics.ARRIVALS_HOURLY, "hourly");
    }

    static Granularities daily(ArrivalsSettings settings) {
        return new Granularities(Granularity.DAY, new LocalDayWindows(settings.zone(), settings.dailyGrace()),
                Topics.ARRIVALS_DAILY, "daily");
    }

    public static Period lastHour() {
        return new Period(HOUR, ROLLING_HOUR_ADVANCE, "1h", StoreNames.ROLLING_1H);
    }

    public static Period lastDay() {
        return new Period(DAY, HOUR, "24h", StoreNames.ROLLING_24H);
    }

    void count(KStream<String, CountedCrossing> byScope) {
        countWindows(byScope, hourly(settings));
        countWindows(byScope, daily(settings));
        var rolling = rollingCounts(byScope, lastHour()).merge(rollingCounts(byScope, lastDay()), Named.as("merge-rolling"));
        rolling.to(Topics.ARRIVALS_ROLLING.name(), Produced.with(serdes.key(Topics.ARRIVALS_ROLLING),
                serdes.value(Topics.ARRIVALS_ROLLING)).withName("arrivals-rolling-sink"));
    }

    private void countWindows(KStream<String, CountedCrossing> byScope, Granularities spec) {
        var checked = gateLateCrossings(byScope, spec).split(Named.as(spec.name() + "-"))
                .branch((key, crossing) -> crossing.isLate(), Branched.as("late"))
                .defaultBranch(Branched.as("on-time"));
        writeLateCrossings(checked.get(spec.name() + "-late"), spec);
        KTable<Windowed<String>, ArrivalTally> counts = sumPerWindow(checked.get(spec.name() + "-on-time"), spec);
        publish(counts.toStream(Named.as(spec.name() + "-changes")), spec, CountStatus.PROVISIONAL);
        publish(counts.suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded()).withName(spec.name() + "-final"))
                .toStream(Named.as(spec.name() + "-closed")), spec, CountStatus.FINAL);
    }

    private KStream<String, Timeliness> gateLateCrossings(KStream<String, CountedCrossing> byScope, Granularities spec) {
        String store = spec.name() + "-stream-time-store";
        // Cached: stream time moves on almost every crossing, and uncached each move was a RocksDB put and a changelog
        // record (six per crossing: two granularities, three scopes); the cache writes it once per commit.
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(store), Serdes.String(), Serdes.Long())
                .withCachingEnabled());
        String granularity = spec.granularity().name().toLowerCase(java.util.Locale.ROOT);
        return byScope.processValues(() -> new LateCrossingGate(spec.windows(), store, granularity),
                Named.as(spec.name() + "-late-gate"), store);
    }

    // The late topic carries the crossing whole: decoded here, the only place the counts need more than its figures.
    private void writeLateCrossings(KStream<String, Timeliness> late, Granularities spec) {
        Deserializer<CrossingEvent> decoder = serdes.value(Topics.CROSSINGS).deserializer();
        late.map((key, crossing) -> asLate(ScopeKey.parse(key), spec.granularity(), crossing,
                        decoder.deserialize(Topics.CROSSINGS.name(), crossing.crossing().crossing())), Named.as(spec.name() + "-label-late"))
                .to(Topics.ARRIVALS_LATE.name(), Produced.with(serdes.key(Topics.ARRIVALS_LATE), serdes.value(Topics.ARRIVALS_LATE))
                        .withName(spec.name() + "-late-sink"));
    }

    private KTable<Windowed<String>, ArrivalTally> sumPerWindow(KStream<String, Timeliness> onTime, Granularities spec) {
        return onTime.mapValues(Timeliness::crossing, Named.as(spec.name() + "-unwrap-on-time"))
                .groupByKey(Grouped.with(Serdes.String(), CountedCrossing.serde()))
                .windowedBy(spec.windows())
                .aggregate(ArrivalTally::empty, (key, crossing, tally) -> tally.add(crossing.figures()),
                        Named.as(spec.name() + "-sum"), countStore(spec.store(), settings.retention()));
    }

    private void publish(KStream<Windowed<String>, ArrivalTally> changes, Granularities spec, CountStatus status) {
        String label = spec.name() + "-label-" + status.name().toLowerCase(java.util.Locale.ROOT);
        changes.map((window, tally) -> asCount(tally.label(ScopeKey.parse(window.key()), spec.granularity(),
                        window.window(), status)), Named.as(label))
                .to(spec.topic().name(), Produced.with(serdes.key(spec.topic()), serdes.value(spec.topic())).withName(label + "-sink"));
    }

    // A KTable with the record cache: each key's figure is published once per commit, not once per crossing (the
    // operation-wide key changes with every crossing).
    private KStream<String, RollingCount> rollingCounts(KStream<String, CountedCrossing> byScope, Period period) {
        String name = "rolling-" + period.name();
        return byScope.groupByKey(Grouped.with(Serdes.String(), CountedCrossing.serde()))
                .aggregate(() -> new RollingBuckets(period.length(), period.advance()),
                        (key, crossing, buckets) -> buckets.add(crossing.occurredAt(), crossing.figures().people(),
                                crossing.figures().groups(), crossing.figures().vehicles()),
                        Named.as(name + "-sum"),
                        Materialized.<String, RollingBuckets, KeyValueStore<Bytes, byte[]>>as(period.store())
                                .withKeySerde(Serdes.String()).withValueSerde(RollingBuckets.serde(period.length(), period.advance())))
                .toStream(Named.as(name + "-changes"))
                .map((key, buckets) -> asRolling(RollingTally.of(ScopeKey.parse(key), period.length(), buckets.current())),
                        Named.as(name + "-label"));
    }

    private Materialized<String, ArrivalTally, WindowStore<Bytes, byte[]>> countStore(String name, Duration retention) {
        return Materialized.<String, ArrivalTally, WindowStore<Bytes, byte[]>>as(name)
                .withKeySerde(Serdes.String()).withValueSerde(ArrivalTally.serde()).withRetention(retention);
    }

    private static KeyValue<String, ArrivalCount> asCount(ArrivalCount count) {
        return KeyValue.pair(ArrivalKeys.of(count), count);
    }

    private static KeyValue<String, RollingCount> asRolling(RollingCount count) {
        return KeyValue.pair(RollingKeys.of(count), count);
    }

    private static KeyValue<String, LateCrossing> asLate(ScopeKey key, Granularity granularity, Timeliness late, CrossingEvent crossing) {
        LateCrossing value = LateCrossing.newBuilder()
                .setScope(key.scope()).setScopeId(key.scopeId()).setGranularity(granularity)
                .setWindowStart(late.missedWindow().startTime()).setWindowEnd(late.missedWindow().endTime())
                .setStreamTime(java.time.Instant.ofEpochMilli(late.streamTime()))
                .setCrossing(crossing)
                .build();
        return KeyValue.pair(ArrivalKeys.of(key.scope(), key.scopeId(), granularity, key.direction(), value.getWindowStart()), value);
    }
}
