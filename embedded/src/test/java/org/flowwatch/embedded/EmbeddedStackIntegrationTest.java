package org.flowwatch.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@Tag("integration")
@Timeout(120)
@ExtendWith(EmbeddedStackExtension.class)
class EmbeddedStackIntegrationTest {

  private static final String CROSSING_V1 =
      "{\"type\":\"record\",\"name\":\"Crossing\",\"namespace\":\"it\",\"fields\":[{\"name\":\"post\",\"type\":\"string\"}]}";
  private static final String CROSSING_V2_PEOPLE_WITHOUT_DEFAULT =
      "{\"type\":\"record\",\"name\":\"Crossing\",\"namespace\":\"it\",\"fields\":[{\"name\":\"post\",\"type\":\"string\"},"
          + "{\"name\":\"people\",\"type\":\"int\"}]}";

  private final EmbeddedStack stack;
  private final RegistryTestClient registry;

  EmbeddedStackIntegrationTest(EmbeddedStack stack) {
    this.stack = stack;
    this.registry = new RegistryTestClient(stack.registryUrl());
  }

  @Test
  void shouldDeliverRecordWhenSentInCommittedTransaction(TestInfo test) throws Exception {
    // given
    String topic = uniqueName(test);
    KafkaTestClients.createTopic(stack.bootstrapServers(), topic);

    // when
    KafkaTestClients.sendInTransaction(stack.bootstrapServers(), topic, "BP-07", "5 people");

    // then
    List<ConsumerRecord<String, String>> records = KafkaTestClients.readCommitted(stack.bootstrapServers(), topic, 1);
    assertThat(records).extracting(ConsumerRecord::key, ConsumerRecord::value)
        .containsExactly(tuple("BP-07", "5 people"));
  }

  @Test
  void shouldReturnSchemaByIdWhenRegistered(TestInfo test) throws Exception {
    // given
    String subject = uniqueName(test) + "-value";

    // when
    HttpResponse<String> registration = registry.register(subject, CROSSING_V1);

    // then
    assertThat(registration.statusCode()).as(registration.body()).isEqualTo(200);
    HttpResponse<String> readBack = registry.schemaById(RegistryTestClient.idOf(registration));
    assertThat(readBack.statusCode()).isEqualTo(200);
    assertThat(readBack.body()).contains("Crossing").contains("post");
  }

  @Test
  void shouldRejectFieldWithoutDefaultWhenCompatibilityIsBackward(TestInfo test) throws Exception {
    // given
    String subject = uniqueName(test) + "-value";
    assertThat(registry.register(subject, CROSSING_V1).statusCode()).isEqualTo(200);

    // when
    HttpResponse<String> evolution = registry.register(subject, CROSSING_V2_PEOPLE_WITHOUT_DEFAULT);

    // then
    assertThat(evolution.statusCode()).as("new reader cannot fill 'people' in old records").isEqualTo(409);
    assertThat(evolution.body()).contains("\"error_code\":409");
  }

  @Test
  void shouldKeepRecordsAndClusterIdWhenRestartedOnSameDir(TestInfo test, @TempDir Path dataDir) throws Exception {
    // given
    String topic = uniqueName(test);
    String clusterId;
    try (EmbeddedKafka first = EmbeddedKafka.start(dataDir, 0)) {
      KafkaTestClients.createTopic(first.bootstrapServers(), topic);
      KafkaTestClients.sendInTransaction(first.bootstrapServers(), topic, "BP-07", "kept");
      clusterId = KafkaTestClients.clusterId(first.bootstrapServers());
    }

    // when
    try (EmbeddedKafka second = EmbeddedKafka.start(dataDir, 0)) {

      // then
      assertThat(KafkaTestClients.clusterId(second.bootstrapServers())).isEqualTo(clusterId);
      assertThat(KafkaTestClients.readCommitted(second.bootstrapServers(), topic, 1))
          .extracting(ConsumerRecord::value).containsExactly("kept");
    }
  }

  @Test
  void shouldThrowPortInUseWhenKafkaPortIsBound(@TempDir Path dataDir) throws Exception {
    try (ServerSocket occupant = new ServerSocket()) {
      // given
      occupant.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
      int taken = occupant.getLocalPort();

      // when / then
      assertThatThrownBy(() -> EmbeddedKafka.start(dataDir, taken))
          .isInstanceOf(PortInUseException.class)
          .hasMessage("port " + taken + " for kafka is already in use")
          .extracting("port").isEqualTo(taken);
      assertThat(KraftStorage.isFormatted(dataDir)).as("checked before formatting").isFalse();
    }
  }

  @Test
  void shouldRefuseSecondBrokerWhenDataDirIsInUse(@TempDir Path dataDir) throws Exception {
    // given
    try (EmbeddedKafka running = EmbeddedKafka.start(dataDir, 0)) {
      // when / then
      assertThatThrownBy(() -> EmbeddedKafka.start(dataDir, 0))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("is in use by another running broker");
      assertThat(KafkaTestClients.clusterId(running.bootstrapServers())).as("first broker unharmed").isNotBlank();
    }
  }

  private static String uniqueName(TestInfo test) {
    String method = test.getTestMethod().orElseThrow().getName();
    return "embedded-it." + method + "." + UUID.randomUUID().toString().substring(0, 8);
  }
}
