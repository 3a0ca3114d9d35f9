package org.flowwatch.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import kafka.server.KafkaConfig;
import org.junit.jupiter.api.Test;

class CombinedNodeConfigTest {

  private static final CombinedNodeConfig THREE_NODES = new CombinedNodeConfig(Map.of(
      1, new CombinedNodeConfig.Ports(9101, 9201),
      2, new CombinedNodeConfig.Ports(9102, 9202),
      3, new CombinedNodeConfig.Ports(9103, 9203)));

  @Test
  void shouldMakeEveryNodeABrokerAndAVoterWhenThreeNodes() {
    // when
    KafkaConfig config = new KafkaConfig(THREE_NODES.node(2, Path.of("/tmp/flowwatch-node-2")), false);

    // then
    assertThat(config.nodeId()).isEqualTo(2);
    assertThat(config.processRoles().size()).as("broker and controller").isEqualTo(2);
    assertThat(THREE_NODES.voters()).isEqualTo("1@127.0.0.1:9201,2@127.0.0.1:9202,3@127.0.0.1:9203");
    assertThat(THREE_NODES.bootstrapServers()).isEqualTo("127.0.0.1:9101,127.0.0.1:9102,127.0.0.1:9103");
  }

  @Test
  void shouldReplicateThreeTimesWithTwoInSyncWhenThreeNodes() {
    // when
    Properties props = THREE_NODES.node(1, Path.of("/tmp/flowwatch-node-1"));

    // then
    assertThat(props).contains(
        Map.entry("default.replication.factor", "3"),
        Map.entry("min.insync.replicas", "2"),
        Map.entry("transaction.state.log.min.isr", "2"),
        Map.entry("listeners", "PLAINTEXT://127.0.0.1:9101,CONTROLLER://127.0.0.1:9201"),
        Map.entry("broker.session.timeout.ms", "6000"));
  }

  @Test
  void shouldRefuseANodeOutsideTheClusterWhenAskedForIt() {
    assertThatThrownBy(() -> THREE_NODES.node(4, Path.of("/tmp/x"))).hasMessageContaining("no node 4");
  }
}
