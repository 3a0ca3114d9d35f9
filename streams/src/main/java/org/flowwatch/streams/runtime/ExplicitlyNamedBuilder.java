package org.flowwatch.streams.runtime;

import java.util.Properties;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyConfig;

/**
 * The one way our topologies get a builder: the app's id by default, and explicit names enforced
 * (KIP-1111), so no app starts with a generated store or internal-topic name that a later change would move.
 */
public final class ExplicitlyNamedBuilder {

    private ExplicitlyNamedBuilder() {
    }

    public static StreamsBuilder create(Properties streamsProps, String defaultApplicationId) {
        streamsProps.putIfAbsent(StreamsConfig.APPLICATION_ID_CONFIG, defaultApplicationId);
        streamsProps.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        return new StreamsBuilder(new TopologyConfig(new StreamsConfig(streamsProps)));
    }
}
