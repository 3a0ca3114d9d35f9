package org.flowwatch.schemas.topics;

import java.util.Map;
import java.util.Objects;

/**
 * One topic of the catalogue: its name, the Java types of its key and value, how many partitions it has and its
 * topic-level configs (cleanup policy, retention). The replication factor is a deployment setting, not part of the
 * contract, so it is chosen when topics are created.
 */
public record TopicSpec<K, V>(String name, Class<K> keyType, Class<V> valueType, int partitions,
                              Map<String, String> configs, String purpose) {

    public TopicSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keyType, "keyType");
        Objects.requireNonNull(valueType, "valueType");
        if (partitions < 1) {
            throw new IllegalArgumentException("topic " + name + " needs at least one partition");
        }
        configs = Map.copyOf(configs);
    }

    public boolean isCompacted() {
        return configs.getOrDefault("cleanup.policy", "delete").contains("compact");
    }

    /** Subject of the value schema under Confluent's TopicNameStrategy. */
    public String valueSubject() {
        return name + "-value";
    }
}
