package org.flowwatch.consumers.view;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.schemas.topics.TopicSpec;

/**
 * Follows one topic from its start, all partitions, and hands each polled batch of records (tombstones included)
 * to a listener. A viewer, not a worker: no consumer group, no committed offsets, so any number of them can run and
 * each sees everything. Reads with read_committed: only what the exactly-once apps committed.
 */
public final class TopicViewer<V> implements Runnable, AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(500);

    private final KafkaConsumer<String, V> consumer;
    private final TopicSpec<String, V> topic;
    private final Consumer<List<ConsumerRecord<String, V>>> listener;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CountDownLatch caughtUp = new CountDownLatch(1);

    public TopicViewer(Map<String, Object> kafkaConfig, FlowwatchSerdes serdes, TopicSpec<String, V> topic,
                       Consumer<List<ConsumerRecord<String, V>>> listener) {
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.consumer = new KafkaConsumer<>(config, serdes.key(topic).deserializer(), serdes.value(topic).deserializer());
        this.topic = topic;
        this.listener = listener;
    }

    /** Hands each batch's values to {@code listener}, skipping tombstones: for topics of events. */
    public static <V> TopicViewer<V> ofValues(Map<String, Object> kafkaConfig, FlowwatchSerdes serdes,
                                              TopicSpec<String, V> topic, Consumer<V> listener) {
        return new TopicViewer<>(kafkaConfig, serdes, topic, batch -> batch.stream()
                .filter(record -> record.value() != null).forEach(record -> listener.accept(record.value())));
    }

    /** Runs on its own daemon thread, named after the topic. */
    public TopicViewer<V> start() {
        Thread thread = new Thread(this, "viewer-" + topic.name());
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    /** True once everything on the topic when the viewer started has been handed over. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void run() {
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (!closed.get()) {
                List<ConsumerRecord<String, V>> batch = new ArrayList<>();
                consumer.poll(POLL).forEach(batch::add);
                deliver(batch);
                if (caughtUp.getCount() > 0 && reached(end)) {
                    caughtUp.countDown();
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

    private void deliver(List<ConsumerRecord<String, V>> batch) {
        if (!batch.isEmpty()) {
            listener.accept(batch);
        }
    }

    private boolean reached(Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(partition -> consumer.position(partition.getKey()) >= partition.getValue());
    }

    @Override
    public void close() {
        closed.set(true);
        consumer.wakeup();
    }
}
