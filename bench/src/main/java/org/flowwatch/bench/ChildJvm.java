package org.flowwatch.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flowwatch.schemas.config.Settings;

/**
 * A flowwatch command in a JVM of its own, so its heap and RSS are not mixed with the bench's (which holds the
 * broker): what it costs in memory, read from {@code /proc/<pid>/status} and {@code jcmd}.
 */
final class ChildJvm implements AutoCloseable {

    static final String MAIN = "org.flowwatch.cli.Main";
    private static final Pattern RSS = Pattern.compile("^VmRSS:\\s+(\\d+)\\s+kB", Pattern.MULTILINE);
    private static final Pattern PEAK_RSS = Pattern.compile("^VmHWM:\\s+(\\d+)\\s+kB", Pattern.MULTILINE);
    // One line per heap (G1) or per generation (Serial: def new + tenured; Parallel: PSYoungGen + ParOldGen), one space in.
    private static final Pattern HEAP_USED = Pattern.compile("(?m)^ \\S[^\\n]*?\\btotal\\s+\\d+K,\\s+used\\s+(\\d+)K");

    private static final Pattern MAX_HEAP = Pattern.compile("-XX:MaxHeapSize=(\\d+)");

    private final Process process;
    private final String what;

    private ChildJvm(Process process, String what) {
        this.process = process;
        this.what = what;
    }

    /**
     * Starts {@code flowwatch <args>} with these JVM flags and {@code --set key=value} per setting, output to
     * {@code log}. From {@code productJar} ({@code java -jar}) when given, else from this JVM's class path: the bench
     * jar holds the product, and its main class is the cli's.
     */
    static ChildJvm start(String what, List<String> jvmFlags, Optional<Path> productJar, List<String> args,
                          Map<String, String> settings, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags);
        command.addAll(productJar.map(jar -> List.of("-jar", jar.toString()))
                .orElse(List.of("-cp", System.getProperty("java.class.path"), MAIN)));
        command.addAll(args);
        settings.forEach((key, value) -> command.addAll(List.of("--set", key + "=" + value)));
        return new ChildJvm(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start(), what);
    }

    /** The bench's settings under these prefixes (e.g. kafka., registry.): the child talks to the bench's broker and registry. */
    static Map<String, String> settingsUnder(Settings wired, List<String> prefixes) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String prefix : prefixes) {
            wired.withPrefix(prefix).forEach((key, value) -> settings.put(prefix + key, value.toString()));
        }
        return settings;
    }

    String what() {
        return what;
    }

    boolean alive() {
        return process.isAlive();
    }

    /** What the child reads as its standard input (a post's tablet export, line by line). */
    OutputStream stdin() {
        return process.getOutputStream();
    }

    long rssBytes() throws IOException {
        return rssKib(procStatus()) * 1024;
    }

    /** The most the process has held resident since it started (VmHWM). */
    long peakRssBytes() throws IOException {
        return peakRssKib(procStatus()) * 1024;
    }

    /** Forces a full GC in the child ({@code jcmd GC.run}), then reads the heap in use ({@code jcmd GC.heap_info}). */
    long heapUsedAfterGcBytes() throws IOException, InterruptedException {
        jcmd("GC.run");
        return heapUsedKib(jcmd("GC.heap_info")) * 1024;
    }

    /** The largest heap the JVM may grow to (-Xmx, or what the JVM chose: a quarter of the memory it sees). */
    long maxHeapBytes() throws IOException, InterruptedException {
        return maxHeapBytes(jcmd("VM.flags"));
    }

    static long maxHeapBytes(String vmFlags) {
        Matcher max = MAX_HEAP.matcher(vmFlags);
        if (!max.find()) {
            throw new IllegalStateException("jcmd VM.flags printed no -XX:MaxHeapSize");
        }
        return Long.parseLong(max.group(1));
    }

    private String procStatus() throws IOException {
        return Files.readString(Path.of("/proc", Long.toString(process.pid()), "status"));
    }

    static long rssKib(String procStatus) {
        return kib(RSS, procStatus, "VmRSS");
    }

    static long peakRssKib(String procStatus) {
        return kib(PEAK_RSS, procStatus, "VmHWM");
    }

    private static long kib(Pattern line, String procStatus, String name) {
        Matcher kib = line.matcher(procStatus);
        if (!kib.find()) {
            throw new IllegalStateException("no " + name + " line in /proc/<pid>/status");
        }
        return Long.parseLong(kib.group(1));
    }

    /**
     * The "used" of the whole heap in {@code GC.heap_info}: G1's one line (" garbage-first heap   total 65536K, used
     * 23456K"), or the sum of the generations' lines of the Serial and Parallel collectors.
     */
    static long heapUsedKib(String heapInfo) {
        Matcher used = HEAP_USED.matcher(heapInfo);
        long kib = 0;
        boolean found = false;
        while (used.find()) {
            kib += Long.parseLong(used.group(1));
            found = true;
        }
        if (!found) {
            throw new IllegalStateException("jcmd GC.heap_info printed no 'total ..K, used ..K' line");
        }
        return kib;
    }

    private String jcmd(String command) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(process.pid()), command).redirectErrorStream(true).start();
        String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!jcmd.waitFor(60, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
            throw new IllegalStateException("jcmd " + command + " failed for the " + what + " (pid " + process.pid() + ")");
        }
        return output;
    }

    /** Waits for the child to end by itself; its exit code, or empty if it is still running after {@code seconds}. */
    Optional<Integer> awaitExit(long seconds) throws InterruptedException {
        return process.waitFor(seconds, TimeUnit.SECONDS) ? Optional.of(process.exitValue()) : Optional.empty();
    }

    /** SIGKILL (kill -9): no commit, no checkpoint, no leaving the group. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** SIGTERM, as an operator would: the app closes cleanly (a streams app checkpoints its state). */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
