package org.flowwatch.producers.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.SchemaStore;
import org.flowwatch.schemas.avro.CrossingEvent;

/**
 * A crossing as journal bytes: Avro single-object encoding (schema fingerprint + binary body). It needs no registry,
 * so a post with no network records as well as one with. The fingerprint names the writer's schema, so the decoder
 * also knows every earlier version of the crossing: a backlog journalled before an upgrade is still sent after it.
 */
final class CrossingCodec {

    /** Fields added since the first journal version, newest last (issue 18: corrections; issue 17: unlisted destination). */
    static final List<String> ADDED_FIELDS = List.of("revision", "withdrawn", "destinationUnlisted");

    private static final BinaryMessageDecoder<CrossingEvent> DECODER = CrossingEvent.createDecoder(earlierVersions());

    private CrossingCodec() {
    }

    static byte[] encode(CrossingEvent crossing) {
        try {
            ByteBuffer buffer = crossing.toByteBuffer();
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a crossing for the journal", e);
        }
    }

    /** The crossing as it was before each added field: their fingerprints differ from the current one. */
    static Schema beforeAdded(int added) {
        Schema current = CrossingEvent.getClassSchema();
        List<Schema.Field> fields = new ArrayList<>();
        current.getFields().stream()
                .filter(field -> !ADDED_FIELDS.subList(added, ADDED_FIELDS.size()).contains(field.name()))
                .forEach(field -> fields.add(new Schema.Field(field, field.schema())));
        return Schema.createRecord(current.getName(), current.getDoc(), current.getNamespace(), false, fields);
    }

    private static SchemaStore earlierVersions() {
        SchemaStore.Cache versions = new SchemaStore.Cache();
        versions.addSchema(beforeAdded(0)); // revision and withdrawn came together
        versions.addSchema(beforeAdded(2));
        return versions;
    }

    static CrossingEvent decode(byte[] bytes) {
        try {
            return DECODER.decode(ByteBuffer.wrap(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException("a journal entry is not a crossing this version can read", e);
        }
    }
}
