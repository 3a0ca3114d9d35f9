package org.flowwatch.producers.sites;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.flowwatch.producers.post.FieldException;

/** Reads a contract enum from what a person typed (any case), or fails naming the field and the words it takes. */
final class Choices {

    private Choices() {
    }

    static <E extends Enum<E>> E of(Class<E> type, String field, String value) {
        if (value == null || value.isBlank()) {
            throw new FieldException(field, "required, one of " + words(type));
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new FieldException(field, "must be one of " + words(type) + ", got '" + value.trim() + "'");
        }
    }

    static <E extends Enum<E>> String words(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
    }
}
