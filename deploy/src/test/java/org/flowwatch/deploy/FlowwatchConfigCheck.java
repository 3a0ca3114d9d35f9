package org.flowwatch.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Asks the real app whether a deployment's settings are valid: {@code flowwatch config} with the deployment's
 * FLOWWATCH_* environment refuses any unknown key or malformed value, exactly as the service would at start.
 */
final class FlowwatchConfigCheck {

    static final Path JAR = Path.of("..", "cli", "target", "flowwatch.jar");
    static final String SECRETS = "/run/secrets/";
    // ${file:/any/dir/<name>}: the name is kept, the directory is the test's
    private static final Pattern SECRET_FILE = Pattern.compile("\\$\\{file:(?:/[^}]*/)?([\\w.-]+)}");

    private FlowwatchConfigCheck() {
    }

    /**
     * The command's output; an {@link AssertionError} naming the problem if the app refuses the settings. Secrets a
     * deployment mounts under {@value #SECRETS} are stood in for by files of a placeholder token, so the app really
     * resolves each {@code ${file:..}} reference.
     */
    static String accepts(Map<String, String> environment) throws IOException, InterruptedException {
        Path secrets = Files.createTempDirectory("flowwatch-secrets");
        Map<String, String> withSecrets = new LinkedHashMap<>();
        for (Map.Entry<String, String> variable : environment.entrySet()) {
            withSecrets.put(variable.getKey(), standInSecrets(variable.getValue(), secrets));
        }
        Path log = Files.createTempFile("flowwatch-config", ".log");
        ProcessBuilder builder = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString(), "config")).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("FLOWWATCH_"));
        builder.environment().putAll(withSecrets);
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        String output = Files.readString(log);
        Files.delete(log);
        if (process.exitValue() != 0) {
            throw new AssertionError("flowwatch refused " + environment.keySet() + ": " + output.strip());
        }
        return output;
    }

    private static String standInSecrets(String value, Path dir) throws IOException {
        Matcher reference = SECRET_FILE.matcher(value);
        StringBuilder rewritten = new StringBuilder();
        while (reference.find()) {
            Path file = dir.resolve(reference.group(1));
            Files.writeString(file, "placeholder-secret-for-config-check\n");
            reference.appendReplacement(rewritten, Matcher.quoteReplacement("${file:" + file + "}"));
        }
        return reference.appendTail(rewritten).toString();
    }
}
