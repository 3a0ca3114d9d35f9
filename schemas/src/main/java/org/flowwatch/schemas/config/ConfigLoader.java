package org.flowwatch.schemas.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Loads settings in layers, each overriding the one before: classpath defaults &lt; properties file &lt; environment
 * ({@code FLOWWATCH_KAFKA_BOOTSTRAP_SERVERS} is {@code kafka.bootstrap.servers}) &lt; flags ({@code --set key=value}).
 *
 * <p>A key that no defaults file declares is refused, naming its layer, so a typo never silently does nothing.
 * Keys under a pass-through prefix (e.g. {@code kafka.}, handed to Kafka clients as they are) are always accepted.
 *
 * <p>Any value may refer to a file or an environment variable, {@code ${file:/run/secrets/api-token}} or
 * {@code ${env:NAME}} (see {@link ValueReferences}): the way to give secrets without writing them into a file of
 * settings or a command line. References are resolved by {@link #load()}, after every layer.
 */
public final class ConfigLoader {

    static final String DEFAULTS = "defaults";
    static final String ENV = "env";
    static final String FLAGS = "flags";

    private final Map<String, Setting> settings = new LinkedHashMap<>();
    private final List<String> passThroughPrefixes = new ArrayList<>();
    private Map<String, String> environment = Map.of();

    private ConfigLoader() {
    }

    public static ConfigLoader create() {
        return new ConfigLoader();
    }

    /** Adds a classpath properties file of defaults; every key it names becomes a known key. */
    public ConfigLoader defaults(String classpathResource) {
        try (InputStream in = ConfigLoader.class.getClassLoader().getResourceAsStream(classpathResource)) {
            if (in == null) {
                throw new ConfigException("defaults " + classpathResource + " are missing from the classpath");
            }
            read(new java.io.InputStreamReader(in, StandardCharsets.UTF_8))
                    .forEach((key, value) -> settings.put(key, new Setting(value, DEFAULTS + " (" + classpathResource + ")")));
        } catch (IOException e) {
            throw new ConfigException("could not read defaults " + classpathResource + ": " + e.getMessage());
        }
        return this;
    }

    /** Keys starting with {@code prefix} are accepted without a default (client settings passed through as they are). */
    public ConfigLoader passThrough(String prefix) {
        passThroughPrefixes.add(prefix);
        return this;
    }

    /** Adds a properties file given by the user; {@code null} means none was given. */
    public ConfigLoader file(Path file) {
        if (file == null) {
            return this;
        }
        if (!Files.isReadable(file)) {
            throw new ConfigException("config file " + file + " does not exist or is not readable");
        }
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            apply(read(reader), "file " + file);
        } catch (IOException e) {
            throw new ConfigException("could not read config file " + file + ": " + e.getMessage());
        }
        return this;
    }

    /** Adds variables named {@code PREFIX_A_B} as key {@code a.b}; other variables are ignored. */
    public ConfigLoader env(Map<String, String> environment, String prefix) {
        this.environment = Map.copyOf(environment);
        Map<String, String> values = new LinkedHashMap<>();
        environment.forEach((name, value) -> {
            if (name.startsWith(prefix) && name.length() > prefix.length()) {
                values.put(name.substring(prefix.length()).toLowerCase(Locale.ROOT).replace('_', '.'), value);
            }
        });
        apply(values, ENV);
        return this;
    }

    public ConfigLoader flags(Map<String, String> overrides) {
        apply(overrides, FLAGS);
        return this;
    }

    /** The settings with {@code ${file:..}} and {@code ${env:..}} references resolved (env as given to {@link #env}). */
    public Settings load() {
        ValueReferences references = new ValueReferences(environment);
        Map<String, Setting> resolved = new LinkedHashMap<>();
        settings.forEach((key, setting) -> {
            ValueReferences.Resolved value = references.resolve(key, setting.value(), setting.layer());
            resolved.put(key, new Setting(value.value(), setting.layer(), value.references()));
        });
        return new Settings(resolved);
    }

    private void apply(Map<String, String> values, String layer) {
        values.forEach((key, value) -> {
            if (!settings.containsKey(key) && passThroughPrefixes.stream().noneMatch(key::startsWith)) {
                throw new ConfigException("unknown setting '" + key + "' from " + layer
                        + " (known: see flowwatch config, or prefix Kafka client settings with "
                        + String.join(" or ", passThroughPrefixes) + ")");
            }
            settings.put(key, new Setting(value.trim(), layer));
        });
    }

    private static Map<String, String> read(Reader reader) throws IOException {
        Properties properties = new Properties();
        properties.load(reader);
        Map<String, String> values = new LinkedHashMap<>();
        properties.stringPropertyNames().stream().sorted().forEach(key -> values.put(key, properties.getProperty(key)));
        return values;
    }

    /** A value, the layer it came from and the file or env references it was resolved from (none: empty). */
    record Setting(String value, String layer, List<String> references) {

        Setting(String value, String layer) {
            this(value, layer, List.of());
        }
    }
}
