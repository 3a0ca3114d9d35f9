package org.flowwatch.schemas.serde;

/**
 * A serializer with auto-registration off ({@code registry.auto.register=false}) met a subject that lacks its
 * schema: the contracts were not applied to this registry, or the app carries a contract nobody reviewed.
 */
public final class SchemaNotRegisteredException extends SchemaRegistryException {

    public SchemaNotRegisteredException(String subject, String schemaName) {
        super("schema " + schemaName + " is not registered under subject " + subject + " and registry.auto.register is "
                + "false: run `flowwatch registry apply` against this registry first", 404);
    }
}
