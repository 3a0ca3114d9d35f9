package org.flowwatch.schemas.serde;

/** A record names a schema id the registry does not know: the record cannot be read, whatever we retry. */
public class UnknownSchemaException extends SchemaRegistryException {

    private final int schemaId;

    public UnknownSchemaException(int schemaId) {
        super("schema id " + schemaId + " is not known to the registry", 404);
        this.schemaId = schemaId;
    }

    public int schemaId() {
        return schemaId;
    }
}
