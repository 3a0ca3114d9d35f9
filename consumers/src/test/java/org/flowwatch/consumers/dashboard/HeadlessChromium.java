package org.flowwatch.consumers.dashboard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Debian's chromium, headless, as a test drives it: a page's DOM after its scripts ran, or a screenshot. */
final class HeadlessChromium {

    static final Path BINARY = Path.of("/usr/bin/chromium");
    private static final long TIMEOUT_SECONDS = 60;

    private final Path profile;
    private final Path logs;

    HeadlessChromium(Path workDir) throws IOException {
        this.profile = Files.createDirectories(workDir.resolve("profile"));
        this.logs = workDir;
    }

    static boolean installed() {
        return Files.isExecutable(BINARY);
    }

    /** The DOM once the page has run for {@code budgetMillis} of virtual time, and what chromium logged. */
    Run dumpDom(String url, int budgetMillis) throws IOException, InterruptedException {
        return run("dom", List.of("--dump-dom", "--virtual-time-budget=" + budgetMillis, "--window-size=1280,1400"), url);
    }

    Run screenshot(String url, Path png, int width, int height) throws IOException, InterruptedException {
        return run("shot-" + width, List.of("--screenshot=" + png.toAbsolutePath(), "--window-size=" + width + "," + height,
                "--virtual-time-budget=4000", "--hide-scrollbars"), url);
    }

    private Run run(String name, List<String> args, String url) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-dev-shm-usage", "--enable-logging=stderr", "--v=0", "--user-data-dir=" + profile));
        command.addAll(args);
        command.add(url);
        Path out = logs.resolve(name + ".out");
        Path err = logs.resolve(name + ".err");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("chromium did not finish within " + TIMEOUT_SECONDS + " s: " + command);
        }
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    /** {@code log} is chromium's stderr: page console messages appear there as "CONSOLE" lines. */
    record Run(int exitCode, String output, String log) {

        List<String> consoleErrors() {
            return log.lines().filter(line -> line.contains("Uncaught") || (line.contains("CONSOLE") && line.contains("ERROR"))
                    || line.contains("console error")).toList();
        }
    }
}
