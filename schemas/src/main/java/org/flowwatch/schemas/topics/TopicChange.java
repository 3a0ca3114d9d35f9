package org.flowwatch.schemas.topics;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** One step that brings a topic in line with the catalogue, or one it cannot take. Each prints as one line. */
public sealed interface TopicChange {

    String topic();

    /** One line for the operator, e.g. {@code partitions flowwatch.crossings.v1: 2 -> 4}. */
    String describe();

    /** The topic does not exist: create it as the catalogue says. */
    record Create(TopicSpec<?, ?> spec, short replicationFactor) implements TopicChange {
        @Override
        public String topic() {
            return spec.name();
        }

        @Override
        public String describe() {
            String configs = new TreeMap<>(spec.configs()).entrySet().stream()
                    .map(entry -> entry.getKey() + "=" + entry.getValue()).collect(Collectors.joining(", "));
            return "create " + topic() + ": " + spec.partitions() + (spec.partitions() == 1 ? " partition" : " partitions") + ", replication " + replicationFactor
                    + (configs.isEmpty() ? "" : ", " + configs);
        }
    }

    /** Fewer partitions than the catalogue: add partitions (keys then map to other partitions from here on). */
    record AddPartitions(String topic, int from, int to) implements TopicChange {
        @Override
        public String describe() {
            return "partitions " + topic + ": " + from + " -> " + to;
        }
    }

    /** Topic-level configs that differ from the catalogue, set with an incremental alter. */
    record AlterConfigs(String topic, Map<String, String> from, Map<String, String> to) implements TopicChange {
        public AlterConfigs {
            from = Map.copyOf(from);
            to = Map.copyOf(to);
        }

        @Override
        public String describe() {
            return "config " + topic + ": " + new TreeMap<>(to).entrySet().stream()
                    .map(entry -> entry.getKey() + " " + from.getOrDefault(entry.getKey(), "(unset)") + " -> " + entry.getValue())
                    .collect(Collectors.joining(", "));
        }
    }

    /** A difference Kafka cannot remove in place (fewer partitions, another replication factor). */
    record Impossible(String topic, String reason) implements TopicChange {
        @Override
        public String describe() {
            return "CANNOT " + topic + ": " + reason;
        }
    }
}
