package org.flowwatch.schemas.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The effective settings, immutable, each value remembering the layer it came from. */
public final class Settings {

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
    private static final Pattern SECRET = Pattern.compile("(?i).*(password|secret|token|jaas|credentials|basic\\.auth|keystore\\.key).*");

    private final Map<String, ConfigLoader.Setting> values;

    Settings(Map<String, ConfigLoader.Setting> values) {
        this.values = Map.copyOf(values);
    }

    /** Whether a setting (or any key/value configuration, e.g. MirrorMaker's) named {@code key} holds a secret. */
    public static boolean isSecret(String key) {
        return SECRET.matcher(key).matches();
    }

    public String string(String key) {
        String value = raw(key);
        if (value.isEmpty()) {
            throw new ConfigException("setting '" + key + "' is empty (from " + layer(key) + ")");
        }
        return value;
    }

    /** An empty value means "not set". */
    public Optional<String> optional(String key) {
        return values.containsKey(key) && !values.get(key).value().isEmpty() ? Optional.of(values.get(key).value()) : Optional.empty();
    }

    public int integer(String key) {
        return number(key, Integer::valueOf, "a whole number");
    }

    public long longValue(String key) {
        return number(key, Long::valueOf, "a whole number");
    }

    public double decimal(String key) {
        return number(key, Double::valueOf, "a number");
    }

    public boolean bool(String key) {
        String value = string(key);
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw invalid(key, "true or false");
        }
        return Boolean.parseBoolean(value);
    }

    /** Accepts ISO-8601 ({@code PT6H}) or a number with a unit: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 6h}, {@code 7d}. */
    public Duration duration(String key) {
        try {
            return parseDuration(string(key));
        } catch (RuntimeException e) {
            throw invalid(key, "a duration such as 30s, 5m, 6h, 7d or PT6H");
        }
    }

    /** A duration as settings take it (see {@link #duration(String)}); a {@link RuntimeException} if it is none. */
    public static Duration parseDuration(String value) {
        Matcher matcher = SHORT_DURATION.matcher(value);
        if (!matcher.matches()) {
            return Duration.parse(value);
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }

    public Path path(String key) {
        return Path.of(string(key));
    }

    /** All settings under {@code prefix}, with the prefix removed: e.g. {@code kafka.} for client configs. */
    public Map<String, Object> withPrefix(String prefix) {
        Map<String, Object> result = new LinkedHashMap<>();
        values.forEach((key, setting) -> {
            if (key.startsWith(prefix) && !setting.value().isEmpty()) {
                result.put(key.substring(prefix.length()), setting.value());
            }
        });
        return result;
    }

    public String layer(String key) {
        ConfigLoader.Setting setting = values.get(key);
        return setting == null ? "nowhere" : setting.layer();
    }

    /**
     * One line per setting, secrets masked, with the layer each value came from and the references it was read
     * from ({@code ${file:..}}, {@code ${env:..}}): for {@code flowwatch config} and the startup log.
     */
    public String describe() {
        return values.keySet().stream().sorted()
                .map(key -> key + "=" + shown(key) + referencesOf(key) + "  [" + layer(key) + "]")
                .collect(Collectors.joining(System.lineSeparator()));
    }

    /**
     * The value as it may be printed: masked when the key names a secret or the value was read from a file (files
     * are how secrets are mounted).
     */
    private String shown(String key) {
        boolean fromFile = values.get(key).references().stream().anyMatch(reference -> reference.startsWith("${file:"));
        return (SECRET.matcher(key).matches() || fromFile) && !raw(key).isEmpty() ? "****" : raw(key);
    }

    private String referencesOf(String key) {
        List<String> references = values.get(key).references();
        return references.isEmpty() ? "" : " (from " + String.join(", ", references) + ")";
    }

    private String raw(String key) {
        ConfigLoader.Setting setting = values.get(key);
        if (setting == null) {
            throw new ConfigException("setting '" + key + "' is not defined");
        }
        return setting.value();
    }

    /** The value read by {@code parse}; one that is not a number is refused naming the key, what it must be and its layer. */
    private <T extends Number> T number(String key, Function<String, T> parse, String expected) {
        try {
            return parse.apply(string(key));
        } catch (NumberFormatException e) {
            throw invalid(key, expected);
        }
    }

    private ConfigException invalid(String key, String expected) {
        return new ConfigException("setting '" + key + "' must be " + expected + ", got '" + shown(key) + "' (from " + layer(key) + ")");
    }
}
