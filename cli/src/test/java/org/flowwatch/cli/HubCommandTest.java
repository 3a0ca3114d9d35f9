package org.flowwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import org.flowwatch.hub.HubLink;
import org.flowwatch.hub.HubSettings;
import org.junit.jupiter.api.Test;

class HubCommandTest {

    @Test
    void shouldPrintTheMirrorMakerSettingsWithTheCentreFromFlagsAndSecretsMasked() {
        // when
        CommandRun run = CommandRun.of("hub", "--print-config", "--name", "syunik", "--centre-bootstrap", "centre:9093",
                "--centre-registry", "http://centre-registry:8081", "--set", "hub.centre.registry.basic.auth=ops:hunter2hunter2");

        // then
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("clusters=syunik, centre", "centre.bootstrap.servers=centre:9093",
                "replication.policy.class=org.apache.kafka.connect.mirror.IdentityReplicationPolicy",
                "syunik->centre.transforms.schemaIds.target.registry.url=http://centre-registry:8081",
                "syunik->centre.transforms.schemaIds.target.registry.basic.auth=****")
                .doesNotContain("hunter2", "flowwatch.alerts");
    }

    @Test
    void shouldPublishTheLagUnderTheNamesTheAlertRuleReadsWhenTheCentreCannotBeReached() {
        // given a link to a centre nothing answers for
        ConfigOptions config = new ConfigOptions();
        config.overrides = new LinkedHashMap<>(Map.of("hub.name", "syunik",
                "hub.centre.bootstrap.servers", "127.0.0.1:1", "hub.centre.registry.url", "http://127.0.0.1:1",
                "kafka.bootstrap.servers", "127.0.0.1:1", "hub.check.every", "1s", "hub.lag.alert.after", "20m"));
        HubSettings hub = HubSettings.from(config.load());
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

        // when
        try (HubLink link = HubLink.start(hub)) {
            HubCommand.register(registry, link, hub);

            // then (deploy/prometheus/rules: FlowwatchHubNotReplicating)
            assertThat(link.isReplicating()).as("MirrorMaker is not started while the centre does not answer").isFalse();
            assertThat(registry.scrape()).contains("flowwatch_hub_replication_lag_seconds{direction=\"up\",hub=\"syunik\"}",
                    "flowwatch_hub_replication_lag_seconds{direction=\"down\",hub=\"syunik\"}",
                    "flowwatch_hub_replication_lag_alert_seconds{hub=\"syunik\"} 1200.0", "flowwatch_hub_replicating{hub=\"syunik\"} 0.0");
        }
    }

    @Test
    void shouldRefuseToStartWhenTheCentreIsNotNamed() {
        // when
        CommandRun run = CommandRun.of("hub", "--print-config");

        // then
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("hub.centre.bootstrap.servers");
    }
}
