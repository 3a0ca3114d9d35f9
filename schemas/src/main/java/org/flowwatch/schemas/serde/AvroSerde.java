package org.flowwatch.schemas.serde;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;

/** Serializer and deserializer of one generated Avro class over Confluent wire format. */
public final class AvroSerde<T extends SpecificRecord> extends Serdes.WrapperSerde<T> {

    public AvroSerde(SchemaRegistryClient registry, Class<T> type, boolean isKey) {
        super(new AvroSerializer<>(registry, type, isKey), new AvroDeserializer<>(registry, type));
    }
}
