package org.flowwatch.streams.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.InvalidTxnStateException;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.flowwatch.embedded.EmbeddedKafka;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stream thread that stops because the broker refused to end its transaction (what Kafka 4.4 reported once after a
 * broker node was killed, {@code BrokerFaultIntegrationTest}) is replaced, not the app stopped: the app stays RUNNING,
 * records no failure, and every record reaches the output once (read_committed), whatever the dead thread had written.
 */
@Tag("integration")
@Timeout(120)
class StreamsRunnerIntegrationTest {

    private static final AtomicBoolean REFUSED_ONCE = new AtomicBoolean();

    @TempDir
    Path dir;

    @Test
    void shouldReplaceAThreadWhoseTransactionTheBrokerRefusedAndPassEveryRecordOnOnce() throws Exception {
        try (EmbeddedKafka broker = EmbeddedKafka.start(dir.resolve("broker"), 0)) {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic("in", 1, (short) 1), new NewTopic("out", 1, (short) 1))).all().get();
            }
            List<String> sent = List.of("a", "b", "refused", "c", "d");
            try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    broker.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
                sent.forEach(value -> producer.send(new ProducerRecord<>("in", value, value)));
            }

            // given an app whose thread stops on a refused transaction at the third record, once
            try (StreamsRunner runner = StreamsRunner.start(refusingOnce(), props(broker))) {
                // then the thread is replaced and every record reaches the output once
                List<String> out = new ArrayList<>();
                try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        broker.bootstrapServers(), ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                        new StringDeserializer(), new StringDeserializer())) {
                    consumer.subscribe(List.of("out"));
                    await().alias("every record out").atMost(Duration.ofSeconds(60)).until(() -> {
                        consumer.poll(Duration.ofMillis(200)).forEach(record -> out.add(record.value()));
                        return out.size() >= sent.size();
                    });
                    consumer.poll(Duration.ofSeconds(2)).forEach(record -> out.add(record.value()));
                }
                assertThat(REFUSED_ONCE).as("the refusal happened").isTrue();
                assertThat(out).containsExactlyElementsOf(sent);
                assertThat(runner.failure()).isEmpty();
                assertThat(runner.state()).isEqualTo(KafkaStreams.State.RUNNING);
            }
        }
    }

    private static org.apache.kafka.streams.Topology refusingOnce() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()))
                .peek((key, value) -> {
                    if (value.equals("refused") && REFUSED_ONCE.compareAndSet(false, true)) {
                        throw new InvalidTxnStateException("The producer attempted a transactional operation in an invalid state.");
                    }
                })
                .to("out", Produced.with(Serdes.String(), Serdes.String()));
        return builder.build();
    }

    private Properties props(EmbeddedKafka broker) {
        Properties props = new Properties();
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "runner-it-" + UUID.randomUUID());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, dir.resolve("state").toString());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        // The replaced thread's member is dropped from the group within seconds, not Kafka's 45 s.
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 6000);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), 1000);
        return props;
    }
}
