package org.flowwatch.deploy;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;

/**
 * A compose file as Compose reads it: anchors and merge keys resolved (SnakeYAML), {@code $$} turned into {@code $},
 * and {@code ${VAR}}, {@code ${VAR:-default}} and {@code ${VAR:?error}} filled from the given {@code .env} values (a
 * {@code :?} variable left unset is the error Compose would stop with).
 */
record ComposeFile(Path path, Map<String, Map<String, Object>> services, Map<String, Map<String, Object>> secrets,
                   Map<String, String> dotEnv) {

    private static final Pattern VARIABLE = Pattern.compile("(?<!\\$)\\$\\{(\\w+)(?::([-?])([^}]*))?}");

    @SuppressWarnings("unchecked")
    static ComposeFile load(Path path, Map<String, String> dotEnv) throws IOException {
        try (Reader reader = Files.newBufferedReader(path)) {
            Map<String, Object> compose = new Yaml().load(reader);
            return new ComposeFile(path, (Map<String, Map<String, Object>>) compose.get("services"),
                    (Map<String, Map<String, Object>>) compose.getOrDefault("secrets", Map.of()), dotEnv);
        }
    }

    Map<String, Object> service(String name) {
        return services.get(name);
    }

    /** The service's environment as the container gets it. */
    @SuppressWarnings("unchecked")
    Map<String, String> environment(Map<String, Object> service) {
        Map<String, String> env = new LinkedHashMap<>();
        ((Map<String, Object>) service.getOrDefault("environment", Map.of()))
                .forEach((k, v) -> env.put(k, interpolate(String.valueOf(v)).replace("$$", "$")));
        return env;
    }

    @SuppressWarnings("unchecked")
    static List<String> volumes(Map<String, Object> service) {
        return (List<String>) service.getOrDefault("volumes", List.of());
    }

    @SuppressWarnings("unchecked")
    static List<String> secretsOf(Map<String, Object> service) {
        return (List<String>) service.getOrDefault("secrets", List.of());
    }

    @SuppressWarnings("unchecked")
    static List<String> command(Map<String, Object> service) {
        return (List<String>) service.get("command");
    }

    /** The FLOWWATCH_* part of a service's environment (what the app reads). */
    Map<String, String> flowwatchEnvironment(Map<String, Object> service) {
        Map<String, String> flowwatch = new LinkedHashMap<>();
        environment(service).forEach((key, value) -> {
            if (key.startsWith("FLOWWATCH_")) {
                flowwatch.put(key, value);
            }
        });
        return flowwatch;
    }

    /**
     * Every service's FLOWWATCH_* settings in as few environments as cover each (key, value) once: checking them
     * takes a JVM start each, and most services share most settings.
     */
    List<Map<String, String>> flowwatchEnvironmentsCovering() {
        List<Map<String, String>> environments = new java.util.ArrayList<>();
        services.values().forEach(service -> flowwatchEnvironment(service).forEach((key, value) -> {
            Map<String, String> room = environments.stream()
                    .filter(env -> value.equals(env.get(key)) || !env.containsKey(key)).findFirst().orElse(null);
            if (room == null) {
                room = new LinkedHashMap<>();
                environments.add(room);
            }
            room.putIfAbsent(key, value);
        }));
        // each further environment is whole: the first one's settings where it has none of its own
        environments.stream().skip(1).forEach(env -> environments.get(0).forEach(env::putIfAbsent));
        return environments;
    }

    private String interpolate(String value) {
        Matcher variable = VARIABLE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (variable.find()) {
            String set = dotEnv.get(variable.group(1));
            String replacement;
            if (set != null && !set.isEmpty()) {
                replacement = set;
            } else if ("?".equals(variable.group(2))) {
                throw new IllegalStateException(path + ": " + variable.group(1) + " is not set: " + variable.group(3));
            } else {
                replacement = variable.group(3) == null ? "" : variable.group(3);
            }
            variable.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        return variable.appendTail(out).toString();
    }
}
