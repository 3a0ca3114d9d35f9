package org.flowwatch.consumers.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.flowwatch.schemas.config.ConfigException;

/**
 * The endpoints file as YAML entries, each with its {@code kind} ({@code webhook}, the default, or {@code sms}), and
 * one way to turn an entry into its typed spec: an unknown field is refused with the known ones.
 */
public final class EndpointsYaml {

    public static final String WEBHOOK = "webhook";
    public static final String SMS = "sms";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private EndpointsYaml() {
    }

    /** The entries of the file; {@code where} names it in messages. */
    public static List<ObjectNode> entries(Path file) {
        if (!Files.isReadable(file)) {
            throw new ConfigException("endpoints file " + file + " does not exist or is not readable");
        }
        try {
            return entries(YAML.readTree(file.toFile()), "endpoints file " + file);
        } catch (JsonProcessingException e) {
            throw new ConfigException("endpoints file " + file + " is not valid YAML: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ConfigException("endpoints file " + file + " could not be read: " + e.getMessage());
        }
    }

    public static List<ObjectNode> entries(String yaml) {
        try {
            return entries(YAML.readTree(yaml), "endpoints");
        } catch (JsonProcessingException e) {
            throw new ConfigException("endpoints are not valid YAML: " + e.getOriginalMessage());
        }
    }

    /** The entries of one kind, without their {@code kind} field. */
    public static List<ObjectNode> ofKind(List<ObjectNode> entries, String kind) {
        List<ObjectNode> wanted = new ArrayList<>();
        for (ObjectNode entry : entries) {
            if (kind.equals(entry.path("kind").asText(WEBHOOK))) {
                wanted.add(entry.deepCopy().without("kind"));
            }
        }
        return wanted;
    }

    /** The entry as its spec record; {@code where} names the file and entry in a refusal. */
    public static <T> T as(ObjectNode entry, Class<T> spec, String where) {
        try {
            return YAML.treeToValue(entry, spec);
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigException(where + ": unknown field '" + e.getPropertyName() + "' (known: " + e.getKnownPropertyIds() + ")");
        } catch (JsonProcessingException e) {
            throw new ConfigException(where + " is invalid: " + e.getOriginalMessage());
        }
    }

    private static List<ObjectNode> entries(JsonNode root, String where) {
        JsonNode endpoints = root == null ? null : root.get("endpoints");
        if (endpoints == null || !endpoints.isArray() || endpoints.isEmpty()) {
            throw new ConfigException(where + " lists no endpoints");
        }
        root.fieldNames().forEachRemaining(field -> {
            if (!field.equals("endpoints")) {
                throw new ConfigException(where + ": unknown field '" + field + "' (known: [endpoints])");
            }
        });
        List<ObjectNode> entries = new ArrayList<>();
        for (JsonNode entry : endpoints) {
            if (!entry.isObject()) {
                throw new ConfigException(where + ": every endpoint is a map of fields");
            }
            String kind = entry.path("kind").asText(WEBHOOK);
            if (!kind.equals(WEBHOOK) && !kind.equals(SMS)) {
                throw new ConfigException(where + ", endpoint '" + entry.path("name").asText() + "': kind must be webhook or sms, got '" + kind + "'");
            }
            entries.add((ObjectNode) entry);
        }
        return entries;
    }
}
