package org.flowwatch.schemas.serde;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Confluent wire format into a generated Avro class, resolving the writer's schema (from the registry, by
 * the id in the record) against this build's schema, so older and newer writers are both read. Thread-safe.
 */
public final class AvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {

    private final SchemaRegistryClient registry;
    private final SpecificData model;
    private final Schema readerSchema;
    private final Map<Integer, DatumReader<T>> readersByWriterId = new ConcurrentHashMap<>();

    public AvroDeserializer(SchemaRegistryClient registry, Class<T> type) {
        this.registry = registry;
        this.model = SpecificData.getForClass(type);
        this.readerSchema = model.getSchema(type);
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        ByteBuffer buffer = ByteBuffer.wrap(data);
        int id = WireFormat.readSchemaId(buffer);
        DatumReader<T> reader = readersByWriterId.computeIfAbsent(id, this::readerFor);
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(data, buffer.position(), buffer.remaining(), null);
        try {
            T record = reader.read(null, decoder);
            if (!decoder.isEnd()) {
                throw new WireFormatException("record with schema id " + id + " on " + topic + " has bytes after its Avro body");
            }
            return record;
        } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException | NegativeArraySizeException | IllegalArgumentException | UnsupportedOperationException e) {
            throw new WireFormatException("record with schema id " + id + " on " + topic + " does not decode as "
                    + readerSchema.getName() + ": " + e.getClass().getSimpleName(), e);
        }
    }

    private DatumReader<T> readerFor(int writerId) {
        Schema writerSchema = registry.schemaById(writerId);
        return new SpecificDatumReader<>(writerSchema, readerSchema, model);
    }
}
