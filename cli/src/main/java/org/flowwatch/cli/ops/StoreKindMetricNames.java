package org.flowwatch.cli.ops;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import java.util.Map;

/**
 * Kafka Streams reports the RocksDB metrics of every kind of store under one name ({@code kafka.stream.state.*}),
 * tagged by kind: {@code rocksdb.state.id}, {@code rocksdb.window.state.id}, {@code rocksdb.session.state.id}.
 * Prometheus wants one set of tag keys per name, so Micrometer dropped all kinds but the first (with a WARN a minute
 * into every run), and renaming the tag made two meters of one store collide (another WARN). Each kind gets its own
 * name instead: {@code kafka.stream.window.state.*}, {@code kafka.stream.session.state.*}.
 */
final class StoreKindMetricNames implements MeterFilter {

    private static final String PREFIX = "kafka.stream.state.";
    private static final Map<String, String> PREFIX_BY_KIND_TAG = Map.of(
            "rocksdb.window.state.id", "kafka.stream.window.state.",
            "rocksdb.session.state.id", "kafka.stream.session.state.");

    @Override
    public Meter.Id map(Meter.Id id) {
        if (!id.getName().startsWith(PREFIX)) {
            return id;
        }
        for (Map.Entry<String, String> kind : PREFIX_BY_KIND_TAG.entrySet()) {
            if (id.getTag(kind.getKey()) != null) {
                return id.withName(kind.getValue() + id.getName().substring(PREFIX.length()));
            }
        }
        return id;
    }
}
