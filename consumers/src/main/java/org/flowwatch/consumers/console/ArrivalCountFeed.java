package org.flowwatch.consumers.console;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.flowwatch.schemas.avro.ArrivalCount;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.schemas.topics.Topics;

/**
 * Follows the hourly counts topic from its start and hands each batch of committed updates to a listener. Reads
 * with read_committed, so it sees only what the exactly-once streams app committed; holds no consumer group
 * offsets (a viewer, not a worker), so any number of them can run.
 */
public final class ArrivalCountFeed implements Runnable, AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(500);

    private final KafkaConsumer<String, ArrivalCount> consumer;
    private final Consumer<List<ArrivalCount>> listener;
    private final AtomicBoolean closed = new AtomicBoolean();

    public ArrivalCountFeed(Map<String, Object> kafkaConfig, FlowwatchSerdes serdes, Consumer<List<ArrivalCount>> listener) {
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "flowwatch-viewer-" + UUID.randomUUID());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // A viewer wants a batch a second, not a line per commit of the streams app.
        config.putIfAbsent(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 1000);
        config.putIfAbsent(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 1 << 20);
        this.consumer = new KafkaConsumer<>(config, serdes.key(Topics.ARRIVALS_HOURLY).deserializer(),
                serdes.value(Topics.ARRIVALS_HOURLY).deserializer());
        this.listener = listener;
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(Topics.ARRIVALS_HOURLY.name()));
            while (!closed.get()) {
                List<ArrivalCount> batch = new ArrayList<>();
                consumer.poll(POLL).forEach(record -> batch.add(record.value()));
                if (!batch.isEmpty()) {
                    listener.accept(batch);
                }
            }
        } catch (WakeupException e) {
            if (!closed.get()) {
                throw e;
            }
        } finally {
            consumer.close();
        }
    }

    @Override
    public void close() {
        closed.set(true);
        consumer.wakeup();
    }
}
