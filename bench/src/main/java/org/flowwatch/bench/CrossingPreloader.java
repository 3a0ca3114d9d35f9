package org.flowwatch.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.LongFunction;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.flowwatch.schemas.config.CommonSettings;
import org.flowwatch.schemas.avro.CrossingEvent;
import org.flowwatch.schemas.avro.Direction;
import org.flowwatch.schemas.avro.Site;
import org.flowwatch.schemas.avro.SiteKind;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.schemas.topics.TopicSpec;
import org.flowwatch.schemas.topics.Topics;

/** Writes the benchmark's input: N valid crossings from P posts, event time spread evenly over the span. */
final class CrossingPreloader {

    static final Instant START = Instant.parse("2023-09-24T08:00:00Z");

    private CrossingPreloader() {
    }

    /** What was preloaded: records per second achieved by the producer (acks=all, lz4, idempotent) and the people sent. */
    record Preload(double recordsPerSecond, long people) {
    }

    /** What to preload: this many crossings from this many posts, event time spread evenly over the span. */
    record Input(long events, int posts, Duration span) {
    }

    static Preload preload(Map<String, Object> kafka, FlowwatchSerdes serdes, BenchSettings settings) {
        return preload(kafka, serdes, new Input(settings.events(), settings.posts(), settings.span()));
    }

    static Preload preload(Map<String, Object> kafka, FlowwatchSerdes serdes, Input input) {
        return preload(kafka, serdes, input, Topics.CROSSINGS, index -> null);
    }

    /**
     * The same onto another topic of crossings (the sites app's input, the valid crossings), each sent to the site
     * {@code destination} gives for its index (null: none).
     */
    static Preload preload(Map<String, Object> kafka, FlowwatchSerdes serdes, Input input, TopicSpec<String, CrossingEvent> topic,
                           LongFunction<String> destination) {
        Map<String, Object> config = CommonSettings.reliableProducer(kafka);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        Random random = new Random(2023);
        long stepMillis = Math.max(1, input.span().toMillis() / input.events());
        long started = System.nanoTime();
        long people = 0;
        publishPosts(config, serdes, input.posts());
        try (var producer = new KafkaProducer<>(config, serdes.key(topic).serializer(), serdes.value(topic).serializer())) {
            for (long i = 0; i < input.events(); i++) {
                CrossingEvent crossing = crossing(random, postId(i % input.posts()), START.plusMillis(i * stepMillis));
                crossing.setDestinationSiteId(destination.apply(i));
                people += crossing.getPeople();
                producer.send(new ProducerRecord<>(topic.name(), null, crossing.getOccurredAt().toEpochMilli(),
                        crossing.getPostId(), crossing));
            }
            producer.flush();
        }
        return new Preload(input.events() / ((System.nanoTime() - started) / 1e9), people);
    }

    // The full topology rejects crossings from posts the sites topic does not know: register the bench's posts.
    private static void publishPosts(Map<String, Object> config, FlowwatchSerdes serdes, int posts) {
        try (var producer = new KafkaProducer<>(config, serdes.key(Topics.SITES).serializer(), serdes.value(Topics.SITES).serializer())) {
            for (int i = 0; i < posts; i++) {
                Site post = Site.newBuilder().setSiteId(postId(i)).setName("Bench post " + i).setKind(SiteKind.BORDER_POST)
                        .setAdm1Code("BENCH-" + (i % 5)).setAdm1Name("Bench region " + (i % 5)).build();
                producer.send(new ProducerRecord<>(Topics.SITES.name(), post.getSiteId(), post));
            }
        }
    }

    static String postId(long index) {
        return "bench-post-" + index;
    }

    private static CrossingEvent crossing(Random random, String postId, Instant at) {
        return CrossingEvent.newBuilder()
                .setEventId(new UUID(random.nextLong(), random.nextLong()))
                .setPostId(postId).setOccurredAt(at).setRecordedAt(at)
                .setDirection(Direction.ARRIVAL).setPeople(1 + random.nextInt(8)).setVehicles(1)
                .build();
    }
}
