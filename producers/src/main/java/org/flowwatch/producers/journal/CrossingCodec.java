package org.flowwatch.producers.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.flowwatch.schemas.avro.CrossingEvent;

/**
 * A crossing as journal bytes: Avro single-object encoding (schema fingerprint + binary body). It needs no registry,
 * so a post with no network records as well as one with.
 */
final class CrossingCodec {

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

    static CrossingEvent decode(byte[] bytes) {
        try {
            return CrossingEvent.fromByteBuffer(ByteBuffer.wrap(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException("a journal entry is not a crossing this version can read", e);
        }
    }
}
