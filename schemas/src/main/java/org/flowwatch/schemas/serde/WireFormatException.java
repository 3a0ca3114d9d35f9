package org.flowwatch.schemas.serde;

import org.apache.kafka.common.errors.SerializationException;

/** Bytes that are not in Confluent's wire format (magic byte 0, 4-byte schema id, Avro body), or a body that does not decode. */
public class WireFormatException extends SerializationException {

    public WireFormatException(String message) {
        super(message);
    }

    public WireFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
