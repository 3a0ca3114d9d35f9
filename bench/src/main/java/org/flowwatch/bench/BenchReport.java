package org.flowwatch.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Prints the figures as a markdown table and writes them, with the machine they ran on, as JSON and markdown. */
final class BenchReport {

    private final BenchSettings settings;
    private final List<Figures> figures;

    BenchReport(BenchSettings settings, List<Figures> figures) {
        this.settings = settings;
        this.figures = List.copyOf(figures);
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("| measurement | median | min | max | unit |\n|---|---:|---:|---:|---|\n");
        figures.forEach(f -> md.append(String.format("| %s | %,.0f | %,.0f | %,.0f | %s |%n", f.name(), f.median(), f.min(), f.max(), f.unit())));
        md.append('\n');
        for (String guarantee : settings.guarantees()) {
            median("full flowwatch topology, " + guarantee).ifPresent(full -> {
                median("bare 1 h windowed count, " + guarantee).ifPresent(bare -> md.append(String.format(
                        "- %s: full / bare = %.2f (goal for exactly_once_v2: at least 0.50)%n", guarantee, full / bare)));
                median("raw consumer").ifPresent(raw -> md.append(String.format(
                        "- %s: full / raw = %.2f (goal for exactly_once_v2: at least 0.25)%n", guarantee, full / raw)));
            });
        }
        return md.toString();
    }

    void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("measuredAt", Instant.now().toString());
        json.put("machine", machine());
        json.put("settings", Map.of("events", settings.events(), "posts", settings.posts(),
                "span", settings.span().toString(), "repeats", settings.repeats()));
        json.put("figures", figures.stream().map(f -> Map.of("name", f.name(), "unit", f.unit(), "values", f.values(),
                "median", f.median(), "min", f.min(), "max", f.max())).toList());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve("benchmarks.json").toFile(), json);
        Files.writeString(dir.resolve("benchmarks.md"), "# Benchmarks\n\nWritten by `./flowwatch bench` "
                + "(figures from one run on one embedded broker, same machine, same run for every row).\n\n"
                + "Machine: " + machine() + "\n\nSettings: " + settings.events() + " crossings, " + settings.posts()
                + " posts, event time over " + settings.span() + ", " + settings.repeats() + " runs each.\n\n" + markdown());
    }

    private Optional<Double> median(String name) {
        return figures.stream().filter(f -> f.name().equals(name)).findFirst().map(Figures::median);
    }

    private static String machine() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        long memory = os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getTotalMemorySize() >> 30 : -1;
        return String.format("%d cores, %d GiB, %s %s, Java %s", os.getAvailableProcessors(), memory, os.getName(),
                os.getArch(), System.getProperty("java.version"));
    }
}
