package org.flowwatch.schemas.serde;

/** The registry refused a schema because it breaks the subject's compatibility rule (BACKWARD for flowwatch). */
public class IncompatibleSchemaException extends SchemaRegistryException {

    public IncompatibleSchemaException(String subject, String registryMessage) {
        super("schema refused for subject " + subject + " as incompatible: " + registryMessage, 409);
    }
}
