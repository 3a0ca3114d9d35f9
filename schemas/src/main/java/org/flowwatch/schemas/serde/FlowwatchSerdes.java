package org.flowwatch.schemas.serde;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.flowwatch.schemas.topics.TopicSpec;

/**
 * Hands out the serdes of the catalogue's topics, all sharing one registry client (and so one schema cache).
 * An instance per application, built from its registry settings; never a static.
 *
 * <p>{@code autoRegister} ({@code registry.auto.register}) off makes serializers only look up the subjects of the
 * catalogue's topics, which {@code flowwatch registry apply} registers; to other topics (a streams app's repartition
 * and changelog topics, named after its application id, which no catalogue can list) they still register.
 */
public final class FlowwatchSerdes {

    private final SchemaRegistryClient registry;
    private final boolean autoRegister;

    public FlowwatchSerdes(SchemaRegistryClient registry) {
        this(registry, true);
    }

    public FlowwatchSerdes(SchemaRegistryClient registry, boolean autoRegister) {
        this.registry = registry;
        this.autoRegister = autoRegister;
    }

    public static FlowwatchSerdes forRegistry(RegistrySettings settings) {
        return new FlowwatchSerdes(new HttpSchemaRegistryClient(settings), settings.autoRegister());
    }

    /**
     * Serdes for what Kafka Streams' global thread reads (reference data in global stores). That thread cannot be
     * replaced like a stream thread: if it fails, the whole app stops. So these wait for the registry however long
     * it takes; meanwhile the app is not yet RUNNING (at start) or counts on with the reference data it holds.
     */
    public FlowwatchSerdes forGlobalThread() {
        return new FlowwatchSerdes(registry.untilItAnswers(), autoRegister);
    }

    public <K> Serde<K> key(TopicSpec<K, ?> topic) {
        return serdeOf(topic.keyType(), true);
    }

    public <V> Serde<V> value(TopicSpec<?, V> topic) {
        return serdeOf(topic.valueType(), false);
    }

    /** Serde of an Avro class used outside the catalogue, e.g. in a state store. */
    public <T extends SpecificRecord> Serde<T> avro(Class<T> type) {
        return new AvroSerde<>(registry, type, false);
    }

    public SchemaRegistryClient registry() {
        return registry;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private <T> Serde<T> serdeOf(Class<T> type, boolean isKey) {
        if (SpecificRecord.class.isAssignableFrom(type)) {
            return (Serde<T>) new AvroSerde(registry, type, isKey, autoRegister);
        }
        if (type == String.class || type == Long.class || type == Integer.class || type == byte[].class) {
            return Serdes.serdeFrom(type);
        }
        throw new IllegalArgumentException("no serde for " + type.getName() + ": use an Avro class or a primitive");
    }
}
