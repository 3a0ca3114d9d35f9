package org.flowwatch.schemas.serde;

import java.util.Optional;
import org.apache.avro.Schema;

/** One difference between the catalogue's contracts and a registry, as {@code flowwatch registry apply} prints it. */
public sealed interface SubjectChange {

    String subject();

    /** One line for the operator, e.g. {@code register flowwatch.crossings.v1-value (CrossingEvent)}. */
    String describe();

    void apply(SchemaRegistryClient registry);

    /** The subject lacks the contract's schema (in the canonical text the serializer sends). */
    record Register(String subject, Schema schema) implements SubjectChange {
        @Override
        public String describe() {
            return "register " + subject + " (" + schema.getName() + ")";
        }

        @Override
        public void apply(SchemaRegistryClient registry) {
            registry.register(subject, schema);
        }
    }

    /** The subject's own compatibility level is not the one the contracts promise. */
    record SetCompatibility(String subject, Optional<String> current, String level) implements SubjectChange {
        @Override
        public String describe() {
            return "compatibility " + subject + ": " + current.orElse("(global)") + " -> " + level;
        }

        @Override
        public void apply(SchemaRegistryClient registry) {
            registry.setCompatibility(subject, level);
        }
    }
}
