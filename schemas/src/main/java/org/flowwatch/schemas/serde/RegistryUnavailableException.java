package org.flowwatch.schemas.serde;

/**
 * The registry could not be reached or failed (5xx). Unlike {@link UnknownSchemaException} this is transient: a
 * caller must not treat the record as bad, only retry later.
 */
public class RegistryUnavailableException extends SchemaRegistryException {

    public RegistryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public RegistryUnavailableException(String message, int status) {
        super(message, status);
    }
}
