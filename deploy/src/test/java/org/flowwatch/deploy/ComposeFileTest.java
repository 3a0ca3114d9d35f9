package org.flowwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * No Docker engine runs here, so the compose stack is checked for what can be checked: it parses (anchors and
 * merge keys resolved as Compose does), every image is pinned, every service has a healthcheck, the files it mounts
 * exist, and the app accepts every FLOWWATCH_* setting the stack gives it.
 */
class ComposeFileTest {

    private static final Path COMPOSE = Path.of("compose", "docker-compose.yml");
    private static final List<String> FLOWWATCH_SERVICES = List.of("streams-1", "streams-2", "dispatcher", "gateway", "ops");
    private static ComposeFile compose;
    private static Map<String, Map<String, Object>> services;
    private static Map<String, Map<String, Object>> secrets;

    @BeforeAll
    static void parse() throws IOException {
        compose = ComposeFile.load(COMPOSE, Map.of());
        services = compose.services();
        secrets = compose.secrets();
    }

    @Test
    void shouldRunThreeBrokersARegistryTheFlowwatchServicesAndTheMonitoringStack() {
        assertThat(services).containsKeys("kafka-1", "kafka-2", "kafka-3", "registry", "prometheus", "alertmanager", "grafana")
                .containsKeys(FLOWWATCH_SERVICES.toArray(String[]::new));
    }

    @Test
    void shouldNameEachStreamsInstanceForStaticMembershipAndNeverTwoAlike() {
        // a restarted instance takes its tasks straight back under its name; two running under one name fence each other
        assertThat(List.of("streams-1", "streams-2")).extracting(name -> environment(services.get(name)).get("FLOWWATCH_STREAMS_INSTANCE_ID"))
                .doesNotContainNull().doesNotHaveDuplicates();
    }

    @Test
    void shouldKeepSchemasInKafkaAndRunNoInMemoryRegistry() {
        SoftAssertions softly = new SoftAssertions();
        services.forEach((name, service) -> softly.assertThat(String.valueOf(service.get("image"))).as(name)
                .doesNotContain("-mem"));
        softly.assertThat(environment(services.get("registry")))
                .containsEntry("APICURIO_STORAGE_KIND", "kafkasql")
                .containsEntry("APICURIO_KAFKASQL_BOOTSTRAP_SERVERS", "kafka-1:9092,kafka-2:9092,kafka-3:9092");
        softly.assertAll();
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldApplyTheContractsBeforeAppsThatDoNotRegisterStart() {
        SoftAssertions softly = new SoftAssertions();
        softly.assertThat((List<String>) services.get("registry-apply").get("command")).containsExactly("registry", "apply");
        FLOWWATCH_SERVICES.forEach(name -> {
            softly.assertThat(environment(services.get(name))).as(name).containsEntry("FLOWWATCH_REGISTRY_AUTO_REGISTER", "false");
            softly.assertThat((Map<String, Map<String, String>>) services.get(name).get("depends_on")).as(name)
                    .containsEntry("registry-apply", Map.of("condition", "service_completed_successfully"));
        });
        softly.assertAll();
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldCheckEveryFlowwatchServiceOnItsOpsPort() {
        SoftAssertions softly = new SoftAssertions();
        FLOWWATCH_SERVICES.forEach(name -> {
            List<String> test = (List<String>) ((Map<String, Object>) services.get(name).get("healthcheck")).get("test");
            softly.assertThat(String.join(" ", test)).as(name).containsPattern("localhost:9400/(ready|health)");
            softly.assertThat(environment(services.get(name))).as(name)
                    .containsEntry("FLOWWATCH_OPS_PORT", "9400").containsEntry("FLOWWATCH_OPS_HEALTH_PUBLIC", "true");
        });
        softly.assertAll();
    }

    @Test
    void shouldMountEverySecretAServiceRefersToFromTheUncommittedSecretsFolder() {
        SoftAssertions softly = new SoftAssertions();
        services.forEach((name, service) -> environment(service).values().forEach(value -> {
            Matcher secret = Pattern.compile(FlowwatchConfigCheck.SECRETS + "([\\w.-]+)").matcher(value);
            while (secret.find()) {
                softly.assertThat(secretsOf(service)).as(name + " mounts the secret its settings read").contains(secret.group(1));
            }
        }));
        services.forEach((name, service) -> secretsOf(service).forEach(secret -> softly.assertThat(secrets).as(name)
                .hasEntrySatisfying(secret, spec -> assertThat(String.valueOf(spec.get("file"))).startsWith("./secrets/"))));
        softly.assertThat(COMPOSE.resolveSibling("secrets").resolve(".gitignore")).as("secret files are never committed")
                .content().startsWith("*");
        softly.assertAll();
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
        for (Map<String, String> environment : compose.flowwatchEnvironmentsCovering()) {
            String config = FlowwatchConfigCheck.accepts(environment);
            assertThat(config).as(environment.toString()).contains("kafka.bootstrap.servers=kafka-1:9092,kafka-2:9092,kafka-3:9092  [env]")
                    .as("the token is read from the mounted secret and never shown").containsPattern(
                            "http.api.token=\\*\\*\\*\\* \\(from \\$\\{file:[^}]*/api-token}\\)  \\[env]");
        }
    }

    private static List<String> volumes(Map<String, Object> service) {
        return ComposeFile.volumes(service);
    }

    private static Map<String, String> environment(Map<String, Object> service) {
        return compose.environment(service);
    }

    private static List<String> secretsOf(Map<String, Object> service) {
        return ComposeFile.secretsOf(service);
    }
}
