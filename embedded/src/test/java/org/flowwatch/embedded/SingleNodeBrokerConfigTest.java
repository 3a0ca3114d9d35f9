package org.flowwatch.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import kafka.server.KafkaConfig;
import org.junit.jupiter.api.Test;

class SingleNodeBrokerConfigTest {

  private static final Path DATA_DIR = Path.of("/tmp/flowwatch-test-kafka");

  @Test
  void shouldBeAcceptedByKafkaWhenBuiltFromDefaults() {
    // given
    Properties props = SingleNodeBrokerConfig.create(DATA_DIR, 9092, 9093, Map.of());

    // when
    KafkaConfig config = new KafkaConfig(props, false);

    // then
    assertThat(config.nodeId()).isEqualTo(1);
    assertThat(config.autoCreateTopicsEnable()).as("topics come from the catalogue only").isFalse();
  }

  @Test
  void shouldUseOneReplicaForInternalTopicsWhenSingleNode() {
    // when
    Properties props = SingleNodeBrokerConfig.create(DATA_DIR, 9092, 9093, Map.of());

    // then
    assertThat(props).contains(
        Map.entry("offsets.topic.replication.factor", "1"),
        Map.entry("transaction.state.log.replication.factor", "1"),
        Map.entry("transaction.state.log.min.isr", "1"),
        Map.entry("group.initial.rebalance.delay.ms", "0"),
        Map.entry("log.cleaner.dedupe.buffer.size", "2097152"));
  }

  @Test
  void shouldBindEverythingToLoopbackWhenBuilt() {
    // when
    Properties props = SingleNodeBrokerConfig.create(DATA_DIR, 9092, 9093, Map.of());

    // then
    assertThat(props.getProperty("listeners"))
        .isEqualTo("PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093");
  }

  @Test
  void shouldOverrideDefaultsWhenExtraPropsGiven() {
    // when
    Properties props = SingleNodeBrokerConfig.create(DATA_DIR, 9092, 9093, Map.of("num.partitions", "12"));

    // then
    assertThat(props.getProperty("num.partitions")).isEqualTo("12");
  }
}
