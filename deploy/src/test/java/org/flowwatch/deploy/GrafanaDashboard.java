package org.flowwatch.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** A provisioned Grafana dashboard as the tests read it: its title and panels, each with its queries and place. */
record GrafanaDashboard(String file, String title, List<Panel> panels) {

    static final Path DIRECTORY = Path.of("grafana", "dashboards");
    private static final ObjectMapper JSON = new ObjectMapper();

    record Panel(String title, String type, String unit, int x, int y, int width, int height, List<Target> targets) {
    }

    record Target(String expr, String legendFormat) {

        /** The series' name as Grafana shows it: {@code {{label}}} replaced by the series' label values. */
        String legend(JsonNode metric) {
            String legend = legendFormat == null || legendFormat.isEmpty() ? metric.toString() : legendFormat;
            for (var labels = metric.fields(); labels.hasNext(); ) {
                var label = labels.next();
                legend = legend.replace("{{" + label.getKey() + "}}", label.getValue().asText());
            }
            return legend.replaceAll("\\{\\{[^}]*}}", "").trim();
        }
    }

    static List<GrafanaDashboard> all() throws IOException {
        List<GrafanaDashboard> dashboards = new ArrayList<>();
        try (Stream<Path> files = Files.list(DIRECTORY)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                dashboards.add(read(file));
            }
        }
        return dashboards;
    }

    static GrafanaDashboard read(Path file) throws IOException {
        JsonNode root = JSON.readTree(file.toFile());
        List<Panel> panels = new ArrayList<>();
        root.path("panels").forEach(panel -> {
            List<Target> targets = new ArrayList<>();
            panel.path("targets").forEach(target -> targets.add(new Target(target.path("expr").asText(),
                    target.path("legendFormat").asText(""))));
            JsonNode grid = panel.path("gridPos");
            panels.add(new Panel(panel.path("title").asText(), panel.path("type").asText(),
                    panel.path("fieldConfig").path("defaults").path("unit").asText("short"), grid.path("x").asInt(),
                    grid.path("y").asInt(), grid.path("w").asInt(), grid.path("h").asInt(), List.copyOf(targets)));
        });
        return new GrafanaDashboard(file.getFileName().toString(), root.path("title").asText(), List.copyOf(panels));
    }

    List<String> queries() {
        return panels.stream().flatMap(panel -> panel.targets().stream()).map(Target::expr).toList();
    }
}
