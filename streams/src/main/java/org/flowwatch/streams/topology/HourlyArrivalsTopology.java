package org.flowwatch.streams.topology;

import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.WindowStore;
import org.flowwatch.schemas.avro.ArrivalCount;
import org.flowwatch.schemas.avro.CrossingEvent;
import org.flowwatch.schemas.avro.Direction;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.schemas.topics.ArrivalKeys;
import org.flowwatch.schemas.topics.Topics;
import org.flowwatch.streams.time.CrossingTimeExtractor;

/**
 * People arriving per border post per hour of event time: crossings → arrivals only → per post → hourly windows →
 * counts topic. Every update of a window is published (PROVISIONAL), so the operations centre sees a count move
 * within a commit interval of the crossing.
 */
public final class HourlyArrivalsTopology {

    public static final String STORE = "arrivals-hourly-store";
    static final Duration HOUR = Duration.ofHours(1);

    private final FlowwatchSerdes serdes;
    private final Duration grace;

    public HourlyArrivalsTopology(FlowwatchSerdes serdes, Duration grace) {
        this.serdes = serdes;
        this.grace = grace;
    }

    public Topology build(Properties streamsProps) {
        streamsProps.putIfAbsent(StreamsConfig.APPLICATION_ID_CONFIG, "flowwatch-arrivals");
        streamsProps.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        var builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(streamsProps)));
        KStream<String, CrossingEvent> arrivals = onlyArrivals(readCrossings(builder));
        writeCounts(peoplePerPostPerHour(arrivals));
        return builder.build(streamsProps);
    }

    private KStream<String, CrossingEvent> readCrossings(StreamsBuilder builder) {
        return builder.stream(Topics.CROSSINGS.name(),
                Consumed.with(serdes.key(Topics.CROSSINGS), serdes.value(Topics.CROSSINGS))
                        .withTimestampExtractor(new CrossingTimeExtractor())
                        .withName("crossings-source"));
    }

    // Departures are counted by the arrivals issue's topology; this one reports people coming in.
    private KStream<String, CrossingEvent> onlyArrivals(KStream<String, CrossingEvent> crossings) {
        return crossings.filter((postId, crossing) -> crossing.getDirection() == Direction.ARRIVAL,
                Named.as("arrivals-only"));
    }

    private KTable<Windowed<String>, ArrivalCount> peoplePerPostPerHour(KStream<String, CrossingEvent> arrivals) {
        return arrivals
                .groupByKey(Grouped.<String, CrossingEvent>as("arrivals-by-post")
                        .withKeySerde(serdes.key(Topics.CROSSINGS)).withValueSerde(serdes.value(Topics.CROSSINGS)))
                .windowedBy(TimeWindows.ofSizeAndGrace(HOUR, grace))
                .aggregate(ArrivalTally::empty, (postId, crossing, tally) -> ArrivalTally.add(crossing, tally),
                        Named.as("sum-arrivals-hourly"),
                        Materialized.<String, ArrivalCount, WindowStore<Bytes, byte[]>>as(STORE)
                                .withKeySerde(Serdes.String()).withValueSerde(serdes.avro(ArrivalCount.class)));
    }

    private void writeCounts(KTable<Windowed<String>, ArrivalCount> counts) {
        counts.toStream(Named.as("arrivals-hourly-changes"))
                .map((window, tally) -> asCount(ArrivalTally.forPostWindow(window.key(), window.window(), tally)),
                        Named.as("label-post-hour"))
                .to(Topics.ARRIVALS_HOURLY.name(), Produced.with(serdes.key(Topics.ARRIVALS_HOURLY),
                        serdes.value(Topics.ARRIVALS_HOURLY)).withName("arrivals-hourly-sink"));
    }

    private static KeyValue<String, ArrivalCount> asCount(ArrivalCount count) {
        return KeyValue.pair(ArrivalKeys.of(count), count);
    }
}
