package org.flowwatch.producers.post;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Typed reads of submitted text fields, each failing with the field's name and never its value. Blank means absent. */
public record FieldValues(Map<String, String> fields) {

    public boolean has(String name) {
        return text(name).isPresent();
    }

    public Optional<String> text(String name) {
        String value = fields.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    public Optional<Integer> count(String name) {
        return text(name).map(value -> {
            try {
                int count = Integer.parseInt(value);
                if (count < 0) {
                    throw new FieldException(name, "must not be negative");
                }
                return count;
            } catch (NumberFormatException e) {
                throw new FieldException(name, "must be a whole number");
            }
        });
    }

    public Optional<UUID> uuid(String name) {
        return text(name).map(value -> {
            try {
                return UUID.fromString(value);
            } catch (IllegalArgumentException e) {
                throw new FieldException(name, "must be a UUID such as 3f1c2a0e-8a41-4c55-9d2e-6a1f0b7c9e21");
            }
        });
    }

    public Optional<Instant> instant(String name) {
        return text(name).map(value -> {
            try {
                return OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeParseException e) {
                throw new FieldException(name, "must be a date-time with offset such as 2023-09-25T14:05:00+04:00");
            }
        });
    }
}
