package org.flowwatch.streams.runtime.errors;

import org.apache.kafka.common.serialization.Serializer;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.schemas.topics.TopicSpec;

/**
 * Writes a rejected record to the dead-letter topic encoded as on its source topic: under the source topic's subject
 * and schema id, whatever topic it is written to. The dead-letter topic holds crossings and heartbeats alike; encoded
 * under its own subject, the first heartbeat after a crossing would be a new, incompatible schema for that subject,
 * and a real registry refuses it (stopping the app). Readers decode by the schema id in the record.
 */
public final class AsSentSerializer<V> implements Serializer<V> {

    private final Serializer<V> serializer;
    private final String sourceTopic;

    public AsSentSerializer(FlowwatchSerdes serdes, TopicSpec<String, V> source) {
        this.serializer = serdes.value(source).serializer();
        this.sourceTopic = source.name();
    }

    @Override
    public byte[] serialize(String topic, V value) {
        return serializer.serialize(sourceTopic, value);
    }
}
