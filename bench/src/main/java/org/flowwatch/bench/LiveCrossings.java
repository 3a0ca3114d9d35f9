package org.flowwatch.bench;

import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.flowwatch.schemas.config.CommonSettings;
import org.flowwatch.schemas.avro.CrossingEvent;
import org.flowwatch.schemas.avro.Direction;
import org.flowwatch.schemas.avro.Site;
import org.flowwatch.schemas.avro.SiteKind;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.schemas.topics.Topics;

/**
 * Crossings happening now, at a fixed rate, from the bench's posts; and probe crossings, each at a probe post of its
 * own (in a region of its own), big enough alone to cross the surge level, so the crossing that raised each SURGE
 * alert is known.
 */
final class LiveCrossings {

    private static final long HOUR_MILLIS = Duration.ofHours(1).toMillis();

    private final Map<String, Object> config;
    private final FlowwatchSerdes serdes;
    private final int posts;
    private final String run;
    private final int probes;
    private final Map<String, Long> probeSentAt = new ConcurrentHashMap<>();
    private final Random random = new Random(2023);

    LiveCrossings(Map<String, Object> kafka, FlowwatchSerdes serdes, int posts, String run, int probes) {
        this.config = CommonSettings.reliableProducer(kafka);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 1); // latency, not throughput, is measured here
        this.serdes = serdes;
        this.posts = posts;
        this.run = run;
        this.probes = probes;
    }

    void registerPosts() {
        try (var producer = new KafkaProducer<>(config, serdes.key(Topics.SITES).serializer(), serdes.value(Topics.SITES).serializer())) {
            for (int i = 0; i < posts; i++) {
                producer.send(new ProducerRecord<>(Topics.SITES.name(), CrossingPreloader.postId(i), post(CrossingPreloader.postId(i), "BENCH-" + (i % 5))));
            }
            for (int k = 0; k < probes; k++) {
                producer.send(new ProducerRecord<>(Topics.SITES.name(), probeId(k), post(probeId(k), "PROBE-" + run + "-" + k)));
            }
        }
    }

    /** Sends for {@code duration} at the pacer's rate; returns the rate achieved, in events per second. */
    double send(Pacer pacer, Duration duration, double probesPerSecond, CrossingLedger ledger) {
        Pacer probePacer = new Pacer(probesPerSecond);
        try (var producer = new KafkaProducer<>(config, serdes.key(Topics.CROSSINGS).serializer(), serdes.value(Topics.CROSSINGS).serializer())) {
            long started = System.nanoTime();
            long sent = 0;
            int probesSent = 0;
            long elapsed;
            while ((elapsed = System.nanoTime() - started) < duration.toNanos()) {
                for (long due = pacer.dueBy(elapsed); sent < due; sent++) {
                    send(producer, crossing(CrossingPreloader.postId(sent % posts), 1 + random.nextInt(8)), ledger);
                }
                for (long due = Math.min(probes, probePacer.dueBy(elapsed)); probesSent < due; probesSent++) {
                    CrossingEvent probe = crossing(probeId(probesSent), LatencyBench.PROBE_PEOPLE);
                    probeSentAt.put(probe.getPostId(), probe.getOccurredAt().toEpochMilli());
                    producer.send(new ProducerRecord<>(Topics.CROSSINGS.name(), probe.getPostId(), probe));
                }
                LockSupport.parkNanos(Math.max(0, pacer.dueAt(sent) - (System.nanoTime() - started)));
            }
            producer.flush();
            return sent / ((System.nanoTime() - started) / 1e9);
        }
    }

    /** When the probe crossing at this post was sent, or -1 if the post is not a probe of this run. */
    long probeSentAt(String postId) {
        return probeSentAt.getOrDefault(postId, -1L);
    }

    private void send(KafkaProducer<String, CrossingEvent> producer, CrossingEvent crossing, CrossingLedger ledger) {
        long at = crossing.getOccurredAt().toEpochMilli();
        ledger.sent(crossing.getPostId(), at - Math.floorMod(at, HOUR_MILLIS), crossing.getPeople(), at);
        producer.send(new ProducerRecord<>(Topics.CROSSINGS.name(), crossing.getPostId(), crossing));
    }

    private String probeId(int k) {
        return "bench-probe-" + run + "-" + k;
    }

    private static Site post(String id, String region) {
        return Site.newBuilder().setSiteId(id).setName("Bench post").setKind(SiteKind.BORDER_POST)
                .setAdm1Code(region).setAdm1Name(region).build();
    }

    private CrossingEvent crossing(String postId, int people) {
        java.time.Instant now = java.time.Instant.ofEpochMilli(System.currentTimeMillis());
        return CrossingEvent.newBuilder().setEventId(new UUID(random.nextLong(), random.nextLong()))
                .setPostId(postId).setOccurredAt(now).setRecordedAt(now)
                .setDirection(Direction.ARRIVAL).setPeople(people).setVehicles(1).build();
    }
}
