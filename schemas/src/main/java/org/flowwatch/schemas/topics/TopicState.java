package org.flowwatch.schemas.topics;

import java.util.Map;

/** What a topic looks like on the cluster: its partitions, replication factor and effective topic configs. */
public record TopicState(String name, int partitions, int replicationFactor, Map<String, String> configs) {

    public TopicState {
        configs = Map.copyOf(configs);
    }
}
