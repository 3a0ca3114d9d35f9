package org.flowwatch.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * `flowwatch streams run --app <app>` in a child JVM on a fixed state directory, optionally behind a command prefix
 * (e.g. `ip netns exec ns`); kill() is SIGKILL, close() a clean stop.
 */
record StreamsChildProcess(Process process, Path log) implements AutoCloseable {

    /** The arrivals app, no prefix. */
    static StreamsChildProcess start(String bootstrapServers, String registryUrl, Path stateDir, List<String> extraSettings)
            throws IOException {
        return start(List.of(), "arrivals", bootstrapServers, registryUrl, stateDir, extraSettings);
    }

    /** @param extraSettings {@code key=value} settings passed as {@code --set} */
    static StreamsChildProcess start(List<String> prefix, String app, String bootstrapServers, String registryUrl, Path stateDir,
                                     List<String> extraSettings) throws IOException {
        // Kept under target/ so a failed run can be read.
        Path log = Files.createTempFile(Files.createDirectories(Path.of("target", "crash-test")), "streams", ".log");
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "streams", "run", "--app", app,
                "--set", "kafka.bootstrap.servers=" + bootstrapServers,
                "--set", "registry.url=" + registryUrl,
                "--set", "streams.state.dir=" + stateDir,
                "--set", "query.http.port=0", "--set", "sites.query.port=0", "--set", "ops.port=0",
                // A killed member leaves no goodbye: let the group notice within seconds, not the default 45 s.
                "--set", "kafka.session.timeout.ms=6000", "--set", "kafka.heartbeat.interval.ms=1000"));
        extraSettings.forEach(setting -> command.addAll(List.of("--set", setting)));
        return new StreamsChildProcess(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start(), log);
    }

    /** What the child has printed so far (its log goes to stdout). */
    String output() throws IOException {
        return Files.readString(log);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    void kill() throws InterruptedException {
        process.destroyForcibly(); // SIGKILL: no close, no commit, no leaving the group
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
