package org.flowwatch.hub;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.flowwatch.schemas.serde.SchemaRegistryClient;

/**
 * Translates the schema id in a Confluent-wire record from one registry's numbering to another's. A hub keeps its own
 * registry (it must register and read schemas with the link down), so the id a hub's producer wrote may name another
 * schema, or none, in the centre's registry: the record is re-labelled, never re-encoded (the Avro body is the same
 * bytes; only the 4-byte id changes). Lookups are cached both ways: the source's schema by id, the target's id by
 * subject and source id.
 */
final class SchemaIds {

    static final byte MAGIC_BYTE = 0;
    static final int HEADER_SIZE = 1 + Integer.BYTES;

    private final SchemaRegistryClient source;
    private final SchemaRegistryClient target;
    private final Map<String, Integer> targetIds = new ConcurrentHashMap<>();

    SchemaIds(SchemaRegistryClient source, SchemaRegistryClient target) {
        this.source = source;
        this.target = target;
    }

    /** Whether {@code bytes} carry the wire format's header (anything else is passed on untouched). */
    static boolean isWireFormat(byte[] bytes) {
        return bytes != null && bytes.length >= HEADER_SIZE && bytes[0] == MAGIC_BYTE;
    }

    static int idOf(byte[] record) {
        return ByteBuffer.wrap(record, 1, Integer.BYTES).getInt();
    }

    /**
     * {@code record} with its schema id replaced by the target registry's id of the same schema under {@code subject}
     * (registered there if the subject lacks it, under the subject's compatibility rule); the same array when the
     * ids already agree.
     */
    byte[] relabel(String subject, byte[] record) {
        int sourceId = idOf(record);
        int targetId = targetIdOf(subject, sourceId);
        if (targetId == sourceId) {
            return record;
        }
        byte[] copy = record.clone();
        ByteBuffer.wrap(copy, 1, Integer.BYTES).putInt(targetId);
        return copy;
    }

    int targetIdOf(String subject, int sourceId) {
        String key = subject + '\n' + sourceId;
        Integer known = targetIds.get(key);
        if (known != null) {
            return known;
        }
        // Not computeIfAbsent: the registry calls may wait (retries) and must not hold the map's lock.
        Schema schema = source.schemaById(sourceId);
        int id = target.register(subject, schema);
        targetIds.put(key, id);
        return id;
    }
}
