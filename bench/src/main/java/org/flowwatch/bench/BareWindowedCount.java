package org.flowwatch.bench;

import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.state.WindowStore;
import org.flowwatch.schemas.topics.Topics;

/**
 * The floor any Streams app pays: count records per post in 1-hour windows on raw bytes, no Avro, no validation,
 * output to a topic. The full topology is compared against this.
 */
final class BareWindowedCount {

    static final Duration WINDOW = Duration.ofHours(1);
    static final Duration GRACE = Duration.ofHours(6);

    private BareWindowedCount() {
    }

    static Topology build(Properties props) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(Topics.CROSSINGS.name(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("bench-source"))
                .groupByKey(Grouped.<byte[], byte[]>as("bench-by-post").withKeySerde(Serdes.ByteArray()).withValueSerde(Serdes.ByteArray()))
                .windowedBy(TimeWindows.ofSizeAndGrace(WINDOW, GRACE))
                .count(Named.as("bench-count"), Materialized.<byte[], Long, WindowStore<Bytes, byte[]>>as("bench-count-store")
                        .withKeySerde(Serdes.ByteArray()).withValueSerde(Serdes.Long()))
                .toStream(Named.as("bench-changes"))
                .map((window, count) -> KeyValue.pair(window.key(), count), Named.as("bench-unwindow"))
                .to(Topics.BENCH_COUNTS.name(), Produced.with(Serdes.ByteArray(), Serdes.Long()).withName("bench-sink"));
        return builder.build(props);
    }
}
