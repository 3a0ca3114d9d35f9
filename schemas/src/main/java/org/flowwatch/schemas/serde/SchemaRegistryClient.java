package org.flowwatch.schemas.serde;

import java.util.Optional;
import org.apache.avro.Schema;

/**
 * The part of Confluent's Schema Registry API that flowwatch uses. Implementations cache: a schema id, once known,
 * never changes its schema, so lookups by id are answered from memory after the first.
 */
public interface SchemaRegistryClient {

    /** Registers {@code schema} under {@code subject} (or finds it there) and returns its global id. */
    int register(String subject, Schema schema);

    /** The id of {@code schema} under {@code subject} if it is registered there; never registers it. */
    Optional<Integer> idOf(String subject, Schema schema);

    /** The compatibility level set on {@code subject} itself (not the global one), if any. */
    Optional<String> compatibility(String subject);

    /** Sets {@code subject}'s own compatibility level ({@code PUT /config/{subject}}), e.g. {@code BACKWARD}. */
    void setCompatibility(String subject, String level);

    /** The writer schema stored under {@code id}; {@link UnknownSchemaException} when the registry has none. */
    Schema schemaById(int id);

    /** Whether {@code schema} may be registered under {@code subject} given the subject's compatibility level. */
    boolean isCompatible(String subject, Schema schema);

    /**
     * This client, waiting for the registry however long it takes instead of giving up after its retries; for
     * callers that cannot be restarted (Kafka Streams' global thread). A client without retries returns itself.
     */
    default SchemaRegistryClient untilItAnswers() {
        return this;
    }
}
