package org.flowwatch.producers.post;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A {@link PostClientProcess} running as a child JVM, and what it has printed so far. */
final class ChildPost {

    private final Process process;
    private final List<String> recorded = new CopyOnWriteArrayList<>();
    private volatile boolean drained;

    private ChildPost(Process process) {
        this.process = process;
        Thread reader = new Thread(this::readOutput, "child-post-output");
        reader.setDaemon(true);
        reader.start();
    }

    static ChildPost start(Path journal, String bootstrap, String registry, String postId, int count, long intervalMs,
                           Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                PostClientProcess.class.getName(), journal.toString(), bootstrap, registry, postId,
                String.valueOf(count), String.valueOf(intervalMs))
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        return new ChildPost(process);
    }

    List<String> recorded() {
        return List.copyOf(recorded);
    }

    boolean drained() {
        return drained;
    }

    /** SIGKILL on Linux: no shutdown hook, no flush, exactly a power cut for the process. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    private void readOutput() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("recorded ")) {
                    recorded.add(line.substring("recorded ".length()));
                } else if (line.equals("drained")) {
                    drained = true;
                }
            }
        } catch (IOException e) {
            // the process was killed: what it printed before is what it recorded
        }
    }
}
