package org.flowwatch.schemas.serde;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.flowwatch.schemas.topics.TopicSpec;

/**
 * What {@code flowwatch registry apply} changes so that a registry holds every contract of the catalogue under its
 * subject (TopicNameStrategy, canonical text as the serializer sends it) with the subject's own level BACKWARD.
 *
 * <p>Per subject, the level is set before the schema is registered, so a new version is checked against BACKWARD
 * even where the subject followed a laxer global level. An empty plan means the registry is in line.
 */
public record RegistryPlan(List<SubjectChange> changes) {

    /** The level every contract promises (see the module README, "Evolving a contract"). */
    public static final String COMPATIBILITY = "BACKWARD";

    public RegistryPlan {
        changes = List.copyOf(changes);
    }

    /** Compares the catalogue's Avro keys and values with what {@code registry} holds; reads only. */
    public static RegistryPlan of(List<TopicSpec<?, ?>> catalogue, SchemaRegistryClient registry) {
        List<SubjectChange> changes = new ArrayList<>();
        contracts(catalogue).forEach((subject, schema) -> {
            Optional<String> level = registry.compatibility(subject);
            if (!level.map(COMPATIBILITY::equalsIgnoreCase).orElse(false)) {
                changes.add(new SubjectChange.SetCompatibility(subject, level, COMPATIBILITY));
            }
            if (registry.idOf(subject, schema).isEmpty()) {
                changes.add(new SubjectChange.Register(subject, schema));
            }
        });
        return new RegistryPlan(changes);
    }

    /** Subject to schema of every Avro key and value in {@code catalogue}, in catalogue order. */
    public static Map<String, Schema> contracts(List<TopicSpec<?, ?>> catalogue) {
        Map<String, Schema> contracts = new LinkedHashMap<>();
        for (TopicSpec<?, ?> topic : catalogue) {
            schemaOf(topic.keyType()).ifPresent(schema -> contracts.put(topic.name() + "-key", schema));
            schemaOf(topic.valueType()).ifPresent(schema -> contracts.put(topic.valueSubject(), schema));
        }
        return contracts;
    }

    /** Makes the changes in order; the first refusal (e.g. an incompatible schema) stops it. */
    public void apply(SchemaRegistryClient registry) {
        changes.forEach(change -> change.apply(registry));
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }

    private static Optional<Schema> schemaOf(Class<?> type) {
        // The same schema object the serializer takes, so the text registered is the text it sends.
        return SpecificRecord.class.isAssignableFrom(type)
                ? Optional.of(SpecificData.getForClass(type).getSchema(type)) : Optional.empty();
    }
}
