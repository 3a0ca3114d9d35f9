package org.flowwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
    void shouldRefuseToStartWhenTheCentreIsNotNamed() {
        // when
        CommandRun run = CommandRun.of("hub", "--print-config");

        // then
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("hub.centre.bootstrap.servers");
    }
}
