package org.flowwatch.schemas.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves the references a setting's value may hold, so secrets live in mounted files or the environment rather
 * than in a properties file or a command line: {@code ${file:/run/secrets/api-token}} is the file's content (a
 * trailing line break dropped) and {@code ${env:NAME}} the variable's value, anywhere in the value (e.g. inside a
 * JAAS line). {@code $${} stands for a literal {@code ${}, e.g. for Kafka's own config providers.
 * A reference that cannot be resolved is refused naming the setting and the reference, never a value.
 */
public final class ValueReferences {

    private static final Pattern REFERENCE = Pattern.compile("\\$(\\$?)\\{(file|env):([^}]+)}");

    private final Map<String, String> environment;

    ValueReferences(Map<String, String> environment) {
        this.environment = environment;
    }

    /** References resolved against {@code environment} (pass {@code System.getenv()} from the command line only). */
    public static ValueReferences of(Map<String, String> environment) {
        return new ValueReferences(Map.copyOf(environment));
    }

    /** {@code value} with its references resolved; {@code what} names it in an error (e.g. "endpoint 'x', secret"). */
    public String resolve(String what, String value) {
        return value == null ? null : substitute(value, what).value();
    }

    /** A setting's value with every reference replaced, and the references it held (for {@code flowwatch config}). */
    Resolved resolve(String key, String value, String layer) {
        return substitute(value, "setting '" + key + "' (from " + layer + ")");
    }

    private Resolved substitute(String value, String what) {
        Matcher matcher = REFERENCE.matcher(value);
        StringBuilder resolved = new StringBuilder();
        List<String> references = new ArrayList<>();
        while (matcher.find()) {
            String replacement;
            if (!matcher.group(1).isEmpty()) {
                replacement = matcher.group().substring(1); // $${...} is the literal ${...}
            } else {
                references.add(matcher.group());
                replacement = lookUp(what, matcher.group(2), matcher.group(3).trim());
            }
            matcher.appendReplacement(resolved, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(resolved);
        return new Resolved(resolved.toString(), List.copyOf(references));
    }

    private String lookUp(String what, String kind, String name) {
        if (kind.equals("env")) {
            String found = environment.get(name);
            if (found == null) {
                throw new ConfigException(what + " refers to ${env:" + name + "}, but no such environment variable is set");
            }
            return found;
        }
        Path file = Path.of(name);
        try {
            return Files.readString(file, StandardCharsets.UTF_8).stripTrailing();
        } catch (IOException | RuntimeException e) {
            throw new ConfigException(what + " refers to ${file:" + name + "}, which does not exist or is not readable");
        }
    }

    record Resolved(String value, List<String> references) {
    }
}
