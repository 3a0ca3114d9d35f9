package org.flowwatch.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.connect.mirror.IdentityReplicationPolicy;
import org.apache.kafka.connect.mirror.MirrorMakerConfig;
import org.apache.kafka.connect.mirror.SourceAndTarget;
import org.flowwatch.schemas.serde.RegistrySettings;
import org.flowwatch.schemas.topics.Topics;
import org.junit.jupiter.api.Test;

class MirrorConfigTest {

    private static final HubSettings SYUNIK = new HubSettings("syunik", "centre", Map.of("bootstrap.servers", "hub:9092"),
            Map.of("bootstrap.servers", "centre:9092", "security.protocol", "SASL_SSL"), RegistrySettings.of("http://hub-registry:8081"),
            RegistrySettings.of("http://centre-registry:8081"), (short) 3, Duration.ofSeconds(5), Duration.ofSeconds(10),
            Duration.ofSeconds(10), Duration.ofMinutes(15), Map.of());

    @Test
    void shouldKeepTopicNamesAndSendEachTopicOneWayOnly() {
        // when
        Map<String, String> mm = MirrorConfig.of(SYUNIK);

        // then
        assertThat(mm).containsEntry("replication.policy.class", IdentityReplicationPolicy.class.getName())
                .containsEntry("syunik->centre.enabled", "true").containsEntry("centre->syunik.enabled", "true")
                .containsEntry("centre.security.protocol", "SASL_SSL").containsEntry("replication.factor", "3")
                .containsEntry("sync.group.offsets.enabled", "false");
        MirrorMakerConfig config = new MirrorMakerConfig(mm);
        assertThat(config.clusterPairs()).containsExactlyInAnyOrder(new SourceAndTarget("syunik", "centre"),
                new SourceAndTarget("centre", "syunik"));
        String up = mm.get("syunik->centre.topics");
        String down = mm.get("centre->syunik.topics");
        assertThat(up).contains(Topics.CROSSINGS.name(), Topics.HEARTBEATS.name(), Topics.SUPPLIES.name(), Topics.SITE_MOVEMENTS.name());
        assertThat(down).contains(Topics.SITES.name(), Topics.ITEMS.name(), Topics.THRESHOLDS.name());
        assertThat(ReplicatedTopics.UP).as("no topic both ways: IdentityReplicationPolicy cannot see a loop")
                .doesNotContainAnyElementsOf(ReplicatedTopics.DOWN);
    }

    @Test
    void shouldNeverReplicateAlertsOrAppOutputs() {
        // when
        Map<String, String> mm = MirrorConfig.of(SYUNIK);

        // then the centre raises its own alerts and computes its own counts
        for (var output : java.util.List.of(Topics.ALERT_EVENTS, Topics.ALERTS_CURRENT, Topics.ALERT_ACKS, Topics.CROSSINGS_VALID,
                Topics.ARRIVALS_DAILY, Topics.SITE_STATUS)) {
            assertThat(mm.get("syunik->centre.topics")).doesNotContain(output.name());
            assertThat(mm.get("centre->syunik.topics")).doesNotContain(output.name());
        }
    }

    @Test
    void shouldRewriteSchemaIdsFromTheSourceRegistryToTheTargetsInEachDirection() {
        // when
        Map<String, String> mm = MirrorConfig.of(SYUNIK);

        // then
        assertThat(mm).containsEntry("syunik->centre.transforms.schemaIds.type", SchemaIdRewrite.class.getName())
                .containsEntry("syunik->centre.transforms.schemaIds.source.registry.url", "http://hub-registry:8081")
                .containsEntry("syunik->centre.transforms.schemaIds.target.registry.url", "http://centre-registry:8081")
                .containsEntry("centre->syunik.transforms.schemaIds.source.registry.url", "http://centre-registry:8081")
                .containsEntry("centre->syunik.transforms.schemaIds.target.registry.url", "http://hub-registry:8081");
    }

    @Test
    void shouldLayRawOverridesOverWhatItBuilds() {
        // when
        Map<String, String> mm = MirrorConfig.of(SYUNIK.withMirrorOverrides(Map.of("replication.factor", "1")));

        // then
        assertThat(mm).containsEntry("replication.factor", "1");
    }
}
