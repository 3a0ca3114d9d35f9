package org.flowwatch.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.flowwatch.schemas.avro.Alert;
import org.flowwatch.schemas.avro.AlertKind;
import org.flowwatch.schemas.avro.ArrivalCount;
import org.flowwatch.schemas.avro.CountScope;
import org.flowwatch.schemas.avro.Granularity;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.schemas.topics.Topics;

/**
 * Reads the committed outputs as the operations centre would (read_committed) and records, on arrival, how long
 * ago the crossing behind each post count and each probe's SURGE alert was sent.
 */
final class OutputWatch implements AutoCloseable {

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Deserializer<ArrivalCount> counts;
    private final Deserializer<Alert> alerts;
    private final CrossingLedger ledger;
    private final LiveCrossings live;
    private final Latencies toCount;
    private final Latencies toAlert;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong probeAlerts = new AtomicLong();
    private volatile long sampleFrom;
    private final Thread thread;

    private OutputWatch(Map<String, Object> kafka, FlowwatchSerdes serdes, String run, CrossingLedger ledger, LiveCrossings live,
                        Latencies toCount, Latencies toAlert) {
        Map<String, Object> config = new HashMap<>(kafka);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "flowwatch-bench-watch-" + run);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        this.consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.counts = serdes.value(Topics.ARRIVALS_HOURLY).deserializer();
        this.alerts = serdes.value(Topics.ALERT_EVENTS).deserializer();
        this.ledger = ledger;
        this.live = live;
        this.toCount = toCount;
        this.toAlert = toAlert;
        consumer.subscribe(List.of(Topics.ARRIVALS_HOURLY.name(), Topics.ALERT_EVENTS.name()));
        this.thread = new Thread(this::watch, "bench-output-watch");
    }

    static OutputWatch start(Map<String, Object> kafka, FlowwatchSerdes serdes, String run, CrossingLedger ledger, LiveCrossings live,
                             Latencies toCount, Latencies toAlert) {
        OutputWatch watch = new OutputWatch(kafka, serdes, run, ledger, live, toCount, toAlert);
        watch.thread.start();
        return watch;
    }

    /** Crossings sent before this time (epoch millis) are waited for but give no sample: the warm-up. */
    void sampleFrom(long epochMillis) {
        sampleFrom = epochMillis;
    }

    /**
     * Waits until every post's final count and every probe's alert has arrived (the apps caught up), at most
     * {@code limit}; returns whether they did. Samples still missing then show as fewer samples in the report.
     */
    boolean awaitCaughtUp(int probes, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!(ledger.allCounted() && probeAlerts.get() >= probes)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            TimeUnit.MILLISECONDS.sleep(100); // outputs arrive on the watch thread; this only waits for them
        }
        return true;
    }

    private void watch() {
        while (running.get()) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                long now = System.currentTimeMillis();
                if (record.topic().equals(Topics.ARRIVALS_HOURLY.name())) {
                    count(counts.deserialize(record.topic(), record.headers(), record.value()), now);
                } else {
                    alert(alerts.deserialize(record.topic(), record.headers(), record.value()), now);
                }
            }
        }
        consumer.close();
    }

    private void count(ArrivalCount count, long now) {
        if (count.getScope() == CountScope.POST && count.getGranularity() == Granularity.HOUR) {
            ledger.counted(count.getScopeId(), count.getWindowStart().toEpochMilli(), count.getPeople());
            long sentAt = ledger.sentAt(count.getScopeId(), count.getWindowStart().toEpochMilli(), count.getPeople());
            if (sentAt >= sampleFrom) {
                toCount.record(now - sentAt);
            }
        }
    }

    private void alert(Alert alert, long now) {
        String post = alert.getLabels().get("post");
        if (alert.getKind() == AlertKind.SURGE && alert.getVersion() == 1 && post != null && live.probeSentAt(post) >= 0) {
            probeAlerts.incrementAndGet();
            if (live.probeSentAt(post) >= sampleFrom) {
                toAlert.record(now - live.probeSentAt(post));
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(TimeUnit.SECONDS.toMillis(10));
    }
}
