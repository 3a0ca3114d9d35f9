package org.flowwatch.streams.arrivals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.flowwatch.schemas.testing.CrossingBuilder.T0;
import static org.flowwatch.schemas.testing.CrossingBuilder.aCrossing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.flowwatch.schemas.avro.ArrivalCount;
import org.flowwatch.schemas.avro.CrossingEvent;
import org.flowwatch.schemas.avro.Direction;
import org.flowwatch.schemas.avro.Site;
import org.flowwatch.schemas.avro.SiteKind;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.schemas.serde.RegistrySettings;
import org.flowwatch.schemas.topics.TopicAdmin;
import org.flowwatch.schemas.topics.TopicSpec;
import org.flowwatch.schemas.topics.Topics;
import org.flowwatch.streams.runtime.errors.SkipUndecodableRecords;
import org.flowwatch.streams.arrivals.topology.ArrivalsSettings;
import org.flowwatch.streams.arrivals.topology.ArrivalsTopology;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.flowwatch.streams.runtime.StreamsRunner;

/**
 * The skeleton's path through real parts: crossings written with our serde over a real registry, counted by the
 * streams app on a real broker, read back from the counts topic. Subclasses say which broker.
 */
abstract class ArrivalsPipelineContract {

    @TempDir
    Path stateDir;

    abstract String bootstrapServers();

    abstract String registryUrl();

    @Test
    void shouldCountEveryPersonSentWhenGarbageArrivesBetweenCrossings() throws Exception {
        // given the catalogue's topics, a post no other test uses, and the app running
        String post = "it-" + UUID.randomUUID();
        FlowwatchSerdes serdes = FlowwatchSerdes.forRegistry(RegistrySettings.of(registryUrl()));
        try (TopicAdmin admin = TopicAdmin.forBootstrap(bootstrapServers())) {
            admin.createMissing(Topics.ALL, (short) 1);
        }
        publish(serdes, Topics.SITES, post, Site.newBuilder().setSiteId(post).setName(post).setKind(SiteKind.BORDER_POST)
                .setAdm1Code("AM-SU").setAdm1Name("Syunik").build());
        try (StreamsRunner app = StreamsRunner.start(new ArrivalsTopology(serdes, ArrivalsSettings.defaults()).build(props()), props())) {
            assertThat(app.awaitRunning(Duration.ofSeconds(60))).as("streams app reached RUNNING").isTrue();

            // when 5 + 3 people cross in the 06:00 hour, 4 at 07:10, with bytes that are not our wire format between them
            send(serdes, aCrossing().atPost(post).people(5).at(T0.plusSeconds(60)).build());
            sendGarbage(post);
            send(serdes, aCrossing().atPost(post).people(3).at(T0.plusSeconds(1200)).build());
            send(serdes, aCrossing().atPost(post).people(4).at(T0.plus(Duration.ofMinutes(70))).build());

            // then the latest post count of each hour is exact and the app is still running
            Map<String, Long> latest = new HashMap<>();
            try (KafkaConsumer<String, ArrivalCount> counts = countsConsumer(serdes)) {
                await().alias("hourly counts of " + post).atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    counts.poll(Duration.ofMillis(200)).forEach(record -> {
                        if (record.value().getScopeId().equals(post) && record.value().getDirection() == Direction.ARRIVAL) {
                            latest.put(record.value().getWindowStart().toString(), record.value().getPeople());
                        }
                    });
                    assertThat(latest).containsExactlyInAnyOrderEntriesOf(Map.of(
                            "2023-09-01T06:00:00Z", 8L, "2023-09-01T07:00:00Z", 4L));
                });
            }
            assertThat(app.state()).isEqualTo(KafkaStreams.State.RUNNING);
        }
    }

    private Properties props() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "flowwatch-arrivals-it-" + getClass().getSimpleName());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, SkipUndecodableRecords.class);
        return props;
    }

    private void send(FlowwatchSerdes serdes, CrossingEvent crossing) throws Exception {
        try (var producer = new KafkaProducer<>(producerConfig(), serdes.key(Topics.CROSSINGS).serializer(),
                serdes.value(Topics.CROSSINGS).serializer())) {
            producer.send(new ProducerRecord<>(Topics.CROSSINGS.name(), null, crossing.getOccurredAt().toEpochMilli(),
                    crossing.getPostId(), crossing)).get();
        }
    }

    private <V> void publish(FlowwatchSerdes serdes, TopicSpec<String, V> topic, String key, V value) throws Exception {
        try (var producer = new KafkaProducer<>(producerConfig(), serdes.key(topic).serializer(), serdes.value(topic).serializer())) {
            producer.send(new ProducerRecord<>(topic.name(), key, value)).get();
        }
    }

    private void sendGarbage(String post) throws Exception {
        try (var producer = new KafkaProducer<>(producerConfig(), new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.CROSSINGS.name(), post.getBytes(), "not avro".getBytes())).get();
        }
    }

    private Map<String, Object> producerConfig() {
        return Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all");
    }

    private KafkaConsumer<String, ArrivalCount> countsConsumer(FlowwatchSerdes serdes) {
        KafkaConsumer<String, ArrivalCount> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                serdes.key(Topics.ARRIVALS_HOURLY).deserializer(), serdes.value(Topics.ARRIVALS_HOURLY).deserializer());
        consumer.subscribe(List.of(Topics.ARRIVALS_HOURLY.name()));
        return consumer;
    }
}
