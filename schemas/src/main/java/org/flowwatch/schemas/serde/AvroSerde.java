package org.flowwatch.schemas.serde;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;

/** Serializer and deserializer of one generated Avro class over Confluent wire format. */
public final class AvroSerde<T extends SpecificRecord> extends Serdes.WrapperSerde<T> {

    public AvroSerde(SchemaRegistryClient registry, Class<T> type, boolean isKey) {
        this(registry, type, isKey, true);
    }

    public AvroSerde(SchemaRegistryClient registry, Class<T> type, boolean isKey, boolean autoRegister) {
        super(new AvroSerializer<>(registry, type, isKey, autoRegister), new AvroDeserializer<>(registry, type));
    }
}
