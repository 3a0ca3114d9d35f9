package org.flowwatch.consumers.view;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.schemas.serde.RegistryUnavailableException;
import org.flowwatch.schemas.time.StopSignal;
import org.flowwatch.schemas.topics.TopicSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows one topic from its start, all partitions, and hands each polled batch of records (tombstones included)
 * to a listener. A viewer, not a worker: no consumer group, no committed offsets, so any number of them can run and
 * each sees everything. Reads with read_committed: only what the exactly-once apps committed.
 */
public final class TopicViewer<V> implements Runnable, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TopicViewer.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration REGISTRY_PAUSE = Duration.ofSeconds(5);

    private final KafkaConsumer<String, V> consumer;
    private final TopicSpec<String, V> topic;
    private final Consumer<List<ConsumerRecord<String, V>>> listener;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final StopSignal closed = new StopSignal();

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
            while (!closed.isSignalled()) {
                deliver(pollPastUnreadable());
                if (caughtUp.getCount() > 0 && reached(end)) {
                    caughtUp.countDown();
                }
            }
        } catch (WakeupException e) {
            if (!closed.isSignalled()) {
                throw e;
            }
        } finally {
            consumer.close();
        }
    }

    /**
     * A record that cannot be read must not stop the view (its thread would die and the screen freeze): one that is
     * not our format is skipped with a warning; one read while the registry cannot answer (after the client's retries)
     * is read again after a pause.
     */
    private List<ConsumerRecord<String, V>> pollPastUnreadable() {
        List<ConsumerRecord<String, V>> batch = new ArrayList<>();
        try {
            consumer.poll(POLL).forEach(batch::add);
        } catch (RecordDeserializationException e) {
            if (e.getCause() instanceof RegistryUnavailableException) {
                LOG.warn("{}: cannot read {}@{} now ({}); reading it again in {} s", topic.name(), e.topicPartition(), e.offset(),
                        e.getCause().getMessage(), REGISTRY_PAUSE.toSeconds());
                consumer.seek(e.topicPartition(), e.offset());
                closed.pause(REGISTRY_PAUSE);
            } else {
                LOG.warn("{}: skipped unreadable record {}@{}: {}", topic.name(), e.topicPartition(), e.offset(),
                        e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
                consumer.seek(e.topicPartition(), e.offset() + 1);
            }
        }
        return batch;
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
        closed.signal();
        consumer.wakeup();
    }
}
