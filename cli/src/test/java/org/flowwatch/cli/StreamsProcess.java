package org.flowwatch.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.flowwatch.embedded.EmbeddedStack;

/** {@code flowwatch streams run --app APP} in a child JVM on a fixed state directory; kill() is SIGKILL. */
final class StreamsProcess implements AutoCloseable {

    private final Process process;

    private StreamsProcess(Process process) {
        this.process = process;
    }

    static StreamsProcess start(EmbeddedStack stack, Path dir, String app, String... settings) throws IOException {
        // Kept under target/ so a failed run can be read.
        Path log = Files.createTempFile(Files.createDirectories(Path.of("target", "crash-test")), "streams", ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "streams", "run", "--app", app,
                "--set", "kafka.bootstrap.servers=" + stack.bootstrapServers(),
                "--set", "registry.url=" + stack.registryUrl(),
                "--set", "streams.state.dir=" + dir.resolve("state"),
                "--set", "query.http.port=0", "--set", "sites.query.port=0", "--set", "ops.port=0",
                // A killed member leaves no goodbye: let the group notice within seconds, not the default 45 s.
                "--set", "kafka.session.timeout.ms=6000", "--set", "kafka.heartbeat.interval.ms=1000"));
        for (String setting : settings) {
            command.addAll(List.of("--set", setting));
        }
        return new StreamsProcess(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start());
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
