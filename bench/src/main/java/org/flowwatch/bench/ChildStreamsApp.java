package org.flowwatch.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flowwatch.schemas.config.Settings;

/**
 * The arrivals app in a JVM of its own ({@code flowwatch streams run --app arrivals}), so its heap and RSS are not
 * mixed with the broker's. The bench only runs from the cli jar, whose class path has the cli's main class.
 */
final class ChildStreamsApp implements AutoCloseable {

    static final String MAIN = "org.flowwatch.cli.Main";
    private static final Pattern RSS = Pattern.compile("^VmRSS:\\s+(\\d+)\\s+kB", Pattern.MULTILINE);
    private static final Pattern HEAP_USED = Pattern.compile("\\bheap\\s+total\\s+\\d+K,\\s+used\\s+(\\d+)K");

    private final Process process;

    private ChildStreamsApp(Process process) {
        this.process = process;
    }

    /** The bench's kafka.*, registry.* and streams.* settings for an arrivals app of this id and state directory, exactly-once. */
    static Map<String, String> arrivalsSettings(Settings wired, String applicationId, Path stateDir) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String prefix : List.of("kafka.", "registry.", "streams.")) {
            wired.withPrefix(prefix).forEach((key, value) -> settings.put(prefix + key, value.toString()));
        }
        settings.put("streams.application.id", applicationId);
        settings.put("streams.state.dir", stateDir.toString());
        settings.put("streams.processing.guarantee", BenchReport.EXACTLY_ONCE);
        settings.put("query.http.port", "0");
        settings.put("ops.port", "0");
        return settings;
    }

    static ChildStreamsApp start(Map<String, String> settings, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), MAIN, "streams", "run", "--app", "arrivals"));
        settings.forEach((key, value) -> command.addAll(List.of("--set", key + "=" + value)));
        return new ChildStreamsApp(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start());
    }

    boolean alive() {
        return process.isAlive();
    }

    long rssBytes() throws IOException {
        return rssKib(Files.readString(Path.of("/proc", Long.toString(process.pid()), "status"))) * 1024;
    }

    /** Forces a full GC in the app ({@code jcmd GC.run}), then reads the heap in use ({@code jcmd GC.heap_info}). */
    long heapUsedAfterGcBytes() throws IOException, InterruptedException {
        jcmd("GC.run");
        return heapUsedKib(jcmd("GC.heap_info")) * 1024;
    }

    static long rssKib(String procStatus) {
        Matcher rss = RSS.matcher(procStatus);
        if (!rss.find()) {
            throw new IllegalStateException("no VmRSS line in /proc/<pid>/status");
        }
        return Long.parseLong(rss.group(1));
    }

    /** The "used" of the whole heap in {@code GC.heap_info}'s first line, e.g. " garbage-first heap   total 65536K, used 23456K". */
    static long heapUsedKib(String heapInfo) {
        Matcher used = HEAP_USED.matcher(heapInfo);
        if (!used.find()) {
            throw new IllegalStateException("jcmd GC.heap_info printed no 'heap total ..K, used ..K' line");
        }
        return Long.parseLong(used.group(1));
    }

    private String jcmd(String command) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(process.pid()), command).redirectErrorStream(true).start();
        String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!jcmd.waitFor(60, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
            throw new IllegalStateException("jcmd " + command + " failed for the streams app (pid " + process.pid() + ")");
        }
        return output;
    }

    /** SIGKILL (kill -9): no commit, no checkpoint, no leaving the group. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** SIGTERM, as an operator would: the app closes cleanly and checkpoints its state. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
