package org.flowwatch.producers.post;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A JSON submission as flat text fields: nested objects become slash paths ({@code "crossing/people"}, as Kobo
 * sends them already), numbers and strings become text (Kobo sends "5", ODK and phones send 5).
 */
public final class FlatFields {

    private FlatFields() {
    }

    public static Map<String, String> of(JsonNode object) {
        Map<String, String> fields = new LinkedHashMap<>();
        flatten("", object, fields);
        return fields;
    }

    /** The fields keyed by the last segment of their path, so a form's groups do not matter: "crossing/people" is "people". */
    public static Map<String, String> byName(Map<String, String> paths) {
        Map<String, String> named = new LinkedHashMap<>();
        paths.forEach((path, value) -> named.putIfAbsent(path.substring(path.lastIndexOf('/') + 1), value));
        return named;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> into) {
        node.fields().forEachRemaining(field -> {
            String path = prefix + field.getKey();
            JsonNode value = field.getValue();
            if (value.isObject()) {
                flatten(path + "/", value, into);
            } else if (value.isValueNode() && !value.isNull()) {
                into.put(path, value.asText());
            }
        });
    }
}
