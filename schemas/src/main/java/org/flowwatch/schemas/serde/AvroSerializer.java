package org.flowwatch.schemas.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.flowwatch.schemas.topics.TopicSpec;
import org.flowwatch.schemas.topics.Topics;

/**
 * Writes a generated Avro record in Confluent's wire format, registering its schema under the topic's subject
 * (TopicNameStrategy: {@code <topic>-value} or {@code <topic>-key}) on first use. Thread-safe.
 *
 * <p>Without auto-registration ({@code registry.auto.register=false}) it only looks the schema up when it writes to a
 * catalogue topic, and a schema the subject lacks is a {@link SchemaNotRegisteredException} naming
 * {@code flowwatch registry apply}. To any other topic (a streams app's repartition and changelog topics, named after
 * its application id, which no catalogue lists) it still registers.
 */
public final class AvroSerializer<T extends SpecificRecord> implements Serializer<T> {

    private static final Set<String> CATALOGUE =
            Topics.ALL.stream().map(TopicSpec::name).collect(Collectors.toUnmodifiableSet());

    private final SchemaRegistryClient registry;
    private final Schema schema;
    private final DatumWriter<T> writer;
    private final boolean isKey;
    private final boolean autoRegister;
    // The schema is fixed per serializer, so its id per topic is looked up once (not per record: building the
    // schema's JSON text for the registry's cache key cost more than the Avro encoding itself).
    private final Map<String, Integer> idsByTopic = new ConcurrentHashMap<>();

    public AvroSerializer(SchemaRegistryClient registry, Class<T> type, boolean isKey) {
        this(registry, type, isKey, true);
    }

    public AvroSerializer(SchemaRegistryClient registry, Class<T> type, boolean isKey, boolean autoRegister) {
        SpecificData model = SpecificData.getForClass(type);
        this.registry = registry;
        this.schema = model.getSchema(type);
        this.writer = new SpecificDatumWriter<>(schema, model);
        this.isKey = isKey;
        this.autoRegister = autoRegister;
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null; // a tombstone stays a tombstone
        }
        int id = idsByTopic.computeIfAbsent(topic, this::idFor);
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        out.write(WireFormat.MAGIC_BYTE);
        out.writeBytes(ByteBuffer.allocate(Integer.BYTES).putInt(id).array());
        try {
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            writer.write(data, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new WireFormatException("could not encode a " + schema.getName() + " for topic " + topic + ": " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    private int idFor(String topic) {
        String subject = topic + (isKey ? "-key" : "-value");
        if (autoRegister || !CATALOGUE.contains(topic)) {
            return registry.register(subject, schema);
        }
        return registry.idOf(subject, schema).orElseThrow(() -> new SchemaNotRegisteredException(subject, schema.getName()));
    }
}
