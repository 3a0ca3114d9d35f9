package org.flowwatch.embedded;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Plain-string Kafka clients for tests of the broker itself; every client is closed before returning. */
final class KafkaTestClients {

  private static final Duration WAIT = Duration.ofSeconds(30);

  private KafkaTestClients() {}

  static void createTopic(String bootstrapServers, String topic) throws ExecutionException, InterruptedException {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      admin.createTopics(Set.of(new NewTopic(topic, 1, (short) 1))).all().get();
    }
  }

  /** A topic with the cluster's default partitions and replication factor. */
  static void createTopicWithClusterDefaults(String bootstrapServers, String topic)
      throws ExecutionException, InterruptedException {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      admin.createTopics(Set.of(new NewTopic(topic, Optional.empty(), Optional.empty()))).all().get();
    }
  }

  static String clusterId(String bootstrapServers) throws ExecutionException, InterruptedException {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      return admin.describeCluster().clusterId().get();
    }
  }

  /** Sends one record in a committed transaction from an idempotent, transactional producer. */
  static void sendInTransaction(String bootstrapServers, String topic, String key, String value) {
    Map<String, Object> config = Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tx-" + topic);
    try (var producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
      producer.initTransactions();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, key, value));
      producer.commitTransaction();
    }
  }

  /** Reads committed records from the start of {@code topic} until {@code count} have arrived. */
  static List<ConsumerRecord<String, String>> readCommitted(String bootstrapServers, String topic, int count) {
    Map<String, Object> config = Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID(),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<ConsumerRecord<String, String>> received = new ArrayList<>();
    try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      await().alias(count + " records on " + topic).atMost(WAIT)
          .until(() -> pollInto(consumer, received) >= count);
    }
    return received;
  }

  private static int pollInto(KafkaConsumer<String, String> consumer, List<ConsumerRecord<String, String>> sink) {
    consumer.poll(Duration.ofMillis(200)).forEach(sink::add);
    return sink.size();
  }
}
