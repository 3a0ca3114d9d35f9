package org.flowwatch.schemas.serde;

import java.nio.ByteBuffer;

/** Confluent's framing: magic byte 0, then the schema id as a 4-byte big-endian int, then the Avro binary body. */
final class WireFormat {

    static final byte MAGIC_BYTE = 0;
    static final int HEADER_SIZE = 1 + Integer.BYTES;

    private WireFormat() {
    }

    /** Reads and checks the header; the buffer is left at the start of the body. */
    static int readSchemaId(ByteBuffer buffer) {
        if (buffer.remaining() < HEADER_SIZE) {
            throw new WireFormatException("record of " + buffer.remaining() + " bytes is too short for the wire format header");
        }
        byte magic = buffer.get();
        if (magic != MAGIC_BYTE) {
            throw new WireFormatException("unknown magic byte " + magic + ": not Confluent wire format");
        }
        return buffer.getInt();
    }
}
