package org.flowwatch.schemas.serde;

import org.apache.kafka.common.errors.SerializationException;

/** The registry answered with an error, or could not be reached. The message never contains record payloads. */
public class SchemaRegistryException extends SerializationException {

    private final int status;

    public SchemaRegistryException(String message, int status) {
        super(message);
        this.status = status;
    }

    public SchemaRegistryException(String message, Throwable cause) {
        super(message, cause);
        this.status = -1;
    }

    /** HTTP status of the registry's answer, or -1 when there was no answer. */
    public int status() {
        return status;
    }
}
