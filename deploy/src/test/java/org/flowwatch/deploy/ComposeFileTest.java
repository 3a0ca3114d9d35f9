package org.flowwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * No Docker engine runs here, so the compose stack is checked for what can be checked: it parses (anchors and
 * merge keys resolved as Compose does), every image is pinned, every service has a healthcheck, the files it mounts
 * exist, and the app accepts every FLOWWATCH_* setting the stack gives it.
 */
class ComposeFileTest {

    private static final Path COMPOSE = Path.of("compose", "docker-compose.yml");
    private static Map<String, Map<String, Object>> services;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void parse() throws IOException {
        try (Reader reader = Files.newBufferedReader(COMPOSE)) {
            Map<String, Object> compose = new Yaml().load(reader);
            services = (Map<String, Map<String, Object>>) compose.get("services");
        }
    }

    @Test
    void shouldRunThreeBrokersARegistryTwoStreamsInstancesAndTheMonitoringStack() {
        assertThat(services).containsKeys("kafka-1", "kafka-2", "kafka-3", "registry", "streams-1", "streams-2",
                "prometheus", "alertmanager", "grafana");
    }

    @Test
    void shouldPinEveryImageToAnExactVersion() {
        SoftAssertions softly = new SoftAssertions();
        services.forEach((name, service) -> {
            String image = String.valueOf(service.get("image"));
            softly.assertThat(image).as(name).matches("[\\w./-]+:[\\w.-]*\\d[\\w.-]*").doesNotEndWith(":latest");
        });
        softly.assertAll();
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldGiveEveryServiceAHealthcheck() {
        SoftAssertions softly = new SoftAssertions();
        services.forEach((name, service) -> {
            Map<String, Object> healthcheck = (Map<String, Object>) service.get("healthcheck");
            softly.assertThat(healthcheck).as(name + " healthcheck").isNotNull();
            if (healthcheck != null) {
                softly.assertThat((List<String>) healthcheck.get("test")).as(name + " healthcheck test").isNotEmpty();
            }
        });
        softly.assertAll();
    }

    @Test
    void shouldMountOnlyFilesThatExist() {
        SoftAssertions softly = new SoftAssertions();
        services.forEach((name, service) -> volumes(service).stream()
                .filter(volume -> volume.startsWith("."))
                .map(volume -> COMPOSE.getParent().resolve(volume.split(":")[0]).normalize())
                .forEach(path -> softly.assertThat(path).as(name + " mounts").exists()));
        softly.assertAll();
    }

    @Test
    void shouldGiveTheAppOnlySettingsItAccepts() throws Exception {
        for (Map.Entry<String, Map<String, Object>> service : services.entrySet()) {
            Map<String, String> flowwatchEnv = new LinkedHashMap<>();
            environment(service.getValue()).forEach((key, value) -> {
                if (key.startsWith("FLOWWATCH_")) {
                    flowwatchEnv.put(key, value);
                }
            });
            if (!flowwatchEnv.isEmpty()) {
                String config = FlowwatchConfigCheck.accepts(flowwatchEnv);
                assertThat(config).as(service.getKey()).contains("kafka.bootstrap.servers=kafka-1:9092,kafka-2:9092,kafka-3:9092  [env]");
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> volumes(Map<String, Object> service) {
        return (List<String>) service.getOrDefault("volumes", List.of());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> environment(Map<String, Object> service) {
        Map<String, String> env = new LinkedHashMap<>();
        ((Map<String, Object>) service.getOrDefault("environment", Map.of())).forEach((k, v) -> env.put(k, String.valueOf(v)));
        return env;
    }
}
