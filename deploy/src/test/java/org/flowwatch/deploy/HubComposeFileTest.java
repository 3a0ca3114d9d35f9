package org.flowwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The regional hub's compose file (deploy/compose/hub), checked as the centre's is without a Docker engine: one node
 * whose replication settings all fit one node, the region's apps and the link to the centre, images pinned,
 * healthchecks, mounted files present, and every FLOWWATCH_* setting accepted by the app, with the centre's address
 * from {@code .env}.
 */
class HubComposeFileTest {

    private static final Path COMPOSE = Path.of("compose", "hub", "docker-compose.yml");
    private static final Map<String, String> DOT_ENV = Map.of("FLOWWATCH_HUB_CENTRE_BOOTSTRAP_SERVERS", "centre-kafka:9092",
            "FLOWWATCH_HUB_CENTRE_REGISTRY_URL", "http://centre-registry:8081/apis/ccompat/v7");
    private static ComposeFile compose;

    @BeforeAll
    static void parse() throws IOException {
        compose = ComposeFile.load(COMPOSE, DOT_ENV);
    }

    @Test
    void shouldRunOneNodeTheRegionsAppsAndTheLinkToTheCentre() {
        assertThat(compose.services()).containsOnlyKeys("kafka", "registry", "topics", "registry-apply", "streams",
                "dispatcher", "gateway", "ops", "hub-link", "alertmanager");
        assertThat(ComposeFile.command(compose.service("streams"))).containsExactly("streams", "run", "--app", "all");
        assertThat(ComposeFile.command(compose.service("hub-link"))).containsExactly("hub");
    }

    @Test
    void shouldAskOneNodeForNoMoreCopiesThanItHas() {
        // a replication factor or min.insync above 1 on one node would refuse every write
        Map<String, String> kafka = compose.environment(compose.service("kafka"));
        SoftAssertions softly = new SoftAssertions();
        List.of("KAFKA_DEFAULT_REPLICATION_FACTOR", "KAFKA_MIN_INSYNC_REPLICAS", "KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR",
                "KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "KAFKA_TRANSACTION_STATE_LOG_MIN_ISR")
                .forEach(key -> softly.assertThat(kafka).as(key).containsEntry(key, "1"));
        softly.assertThat(kafka).containsEntry("KAFKA_CONTROLLER_QUORUM_VOTERS", "1@kafka:9093");
        compose.services().forEach((name, service) -> {
            String factor = compose.environment(service).get("FLOWWATCH_TOPICS_REPLICATION_FACTOR");
            if (factor != null) {
                softly.assertThat(factor).as(name).isEqualTo("1");
            }
        });
        softly.assertAll();
    }

    @Test
    void shouldPointTheLinkAtTheCentreFromDotEnvAndStopWithoutIt() throws IOException {
        assertThat(compose.environment(compose.service("hub-link")))
                .containsEntry("FLOWWATCH_HUB_NAME", "syunik")
                .containsEntry("FLOWWATCH_HUB_CENTRE_BOOTSTRAP_SERVERS", "centre-kafka:9092")
                .containsEntry("FLOWWATCH_HUB_CENTRE_REGISTRY_URL", "http://centre-registry:8081/apis/ccompat/v7");
        ComposeFile unset = ComposeFile.load(COMPOSE, Map.of());
        assertThatThrownBy(() -> unset.environment(unset.service("hub-link"))).hasMessageContaining("set the centre's brokers in .env");
    }

    @Test
    void shouldPinImagesCheckHealthAndMountOnlyFilesThatExist() {
        SoftAssertions softly = new SoftAssertions();
        compose.services().forEach((name, service) -> {
            softly.assertThat(String.valueOf(service.get("image"))).as(name).matches("[\\w./-]+:[\\w.-]*\\d[\\w.-]*");
            softly.assertThat(service.get("healthcheck")).as(name + " healthcheck").isNotNull();
            ComposeFile.volumes(service).stream().filter(volume -> volume.startsWith("."))
                    .map(volume -> COMPOSE.getParent().resolve(volume.split(":")[0]).normalize())
                    .forEach(path -> softly.assertThat(path).as(name + " mounts").exists());
            ComposeFile.secretsOf(service).forEach(secret -> softly.assertThat(compose.secrets()).as(name)
                    .hasEntrySatisfying(secret, spec -> assertThat(String.valueOf(spec.get("file"))).startsWith("../secrets/")));
        });
        softly.assertAll();
    }

    @Test
    void shouldGiveTheAppOnlySettingsItAccepts() throws Exception {
        for (Map<String, String> environment : compose.flowwatchEnvironmentsCovering()) {
            assertThat(FlowwatchConfigCheck.accepts(environment)).as(environment.toString())
                    .contains("kafka.bootstrap.servers=kafka:9092  [env]");
        }
    }
}
