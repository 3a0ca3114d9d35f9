package org.flowwatch.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Asks the real app whether a deployment's settings are valid: {@code flowwatch config} with the deployment's
 * FLOWWATCH_* environment refuses any unknown key or malformed value, exactly as the service would at start.
 */
final class FlowwatchConfigCheck {

    static final Path JAR = Path.of("..", "cli", "target", "flowwatch.jar");

    private FlowwatchConfigCheck() {
    }

    /** The command's output; an {@link AssertionError} naming the problem if the app refuses the settings. */
    static String accepts(Map<String, String> environment) throws IOException, InterruptedException {
        Path log = Files.createTempFile("flowwatch-config", ".log");
        ProcessBuilder builder = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString(), "config")).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("FLOWWATCH_"));
        builder.environment().putAll(environment);
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
}
