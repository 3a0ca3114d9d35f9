package org.flowwatch.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Three brokers and a controller in this JVM: replicated topics, and a broker stopped and started again. */
@Tag("integration")
@Timeout(120)
class EmbeddedKafkaClusterIntegrationTest {

  @TempDir
  static Path dir;
  private static EmbeddedKafkaCluster cluster;

  @BeforeAll
  static void startCluster() {
    cluster = EmbeddedKafkaCluster.start(dir, 3);
  }

  @AfterAll
  static void stopCluster() {
    cluster.close();
  }

  @Test
  void shouldReplicateNewTopicsThreeTimesWithTwoInSyncRequired() throws Exception {
    // when
    KafkaTestClients.createTopicWithClusterDefaults(cluster.bootstrapServers(), "replicated");

    // then
    try (Admin admin = admin()) {
      TopicDescription topic = admin.describeTopics(Set.of("replicated")).allTopicNames().get().get("replicated");
      assertThat(topic.partitions()).hasSize(4).allSatisfy(partition -> assertThat(partition.replicas()).hasSize(3));
      ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, "replicated");
      assertThat(admin.describeConfigs(Set.of(resource)).all().get().get(resource).get("min.insync.replicas").value())
          .isEqualTo("2");
    }
  }

  @Test
  void shouldKeepCommittingTransactionsWhenOneBrokerIsDownAndTakeItBackOnItsPort() throws Exception {
    // given
    KafkaTestClients.createTopicWithClusterDefaults(cluster.bootstrapServers(), "through-a-restart");
    KafkaTestClients.sendInTransaction(cluster.bootstrapServers(), "through-a-restart", "BP-01", "before");
    String bootstrap = cluster.bootstrapServers();

    // when broker 2 stops, a transaction still commits (two of three replicas in sync)
    cluster.stopBroker(2);
    assertThat(cluster.isRunning(2)).isFalse();
    KafkaTestClients.sendInTransaction(cluster.bootstrapServers(), "through-a-restart", "BP-01", "while-down");

    // and broker 2 comes back on the same port and rejoins every ISR
    cluster.startBroker(2);
    assertThat(cluster.bootstrapServers()).isEqualTo(bootstrap);
    await().alias("all three replicas back in sync").atMost(Duration.ofSeconds(60)).untilAsserted(() ->
        assertThat(partitions("through-a-restart")).allSatisfy(partition ->
            assertThat(partition.isr()).extracting(node -> node.id()).containsExactlyInAnyOrder(1, 2, 3)));

    // then both records are there, once each
    List<ConsumerRecord<String, String>> records = KafkaTestClients.readCommitted(cluster.bootstrapServers(), "through-a-restart", 2);
    assertThat(records).extracting(ConsumerRecord::value).containsExactlyInAnyOrder("before", "while-down");
  }

  @Test
  void shouldRefuseUnknownBroker() {
    assertThatThrownBy(() -> cluster.stopBroker(9)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no broker 9");
  }

  private static List<TopicPartitionInfo> partitions(String topic) throws Exception {
    try (Admin admin = admin()) {
      return admin.describeTopics(Set.of(topic)).allTopicNames().get().get(topic).partitions();
    }
  }

  private static Admin admin() {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()));
  }
}
