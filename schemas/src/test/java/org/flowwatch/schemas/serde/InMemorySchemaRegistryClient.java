package org.flowwatch.schemas.serde;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;

/**
 * A registry in memory for tests that need no server (TopologyTestDriver, serde tests). It enforces BACKWARD
 * compatibility per subject like the real one is configured to, and hands out ids as a real registry would:
 * the same schema text gets the same id under every subject.
 */
public final class InMemorySchemaRegistryClient implements SchemaRegistryClient {

    private final Map<String, Integer> idsByText = new HashMap<>();
    private final Map<Integer, Schema> schemasById = new HashMap<>();
    private final Map<String, List<Schema>> versionsBySubject = new HashMap<>();
    private final Map<String, String> levelsBySubject = new HashMap<>();

    @Override
    public synchronized int register(String subject, Schema schema) {
        List<Schema> versions = versionsBySubject.computeIfAbsent(subject, s -> new ArrayList<>());
        if (!versions.contains(schema)) {
            if (!isCompatible(subject, schema)) {
                throw new IncompatibleSchemaException(subject, "not BACKWARD compatible with the latest version");
            }
            versions.add(schema);
        }
        return idsByText.computeIfAbsent(schema.toString(), text -> {
            int id = idsByText.size() + 1;
            schemasById.put(id, schema);
            return id;
        });
    }

    @Override
    public synchronized Optional<Integer> idOf(String subject, Schema schema) {
        if (!versionsBySubject.getOrDefault(subject, List.of()).contains(schema)) {
            return Optional.empty();
        }
        return Optional.ofNullable(idsByText.get(schema.toString()));
    }

    @Override
    public synchronized Optional<String> compatibility(String subject) {
        return Optional.ofNullable(levelsBySubject.get(subject));
    }

    @Override
    public synchronized void setCompatibility(String subject, String level) {
        levelsBySubject.put(subject, level);
    }

    @Override
    public synchronized Schema schemaById(int id) {
        Schema schema = schemasById.get(id);
        if (schema == null) {
            throw new UnknownSchemaException(id);
        }
        return schema;
    }

    @Override
    public synchronized boolean isCompatible(String subject, Schema schema) {
        List<Schema> versions = versionsBySubject.getOrDefault(subject, List.of());
        if (versions.isEmpty()) {
            return true;
        }
        Schema latest = versions.get(versions.size() - 1);
        return SchemaCompatibility.checkReaderWriterCompatibility(schema, latest).getType()
                == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE;
    }
}
