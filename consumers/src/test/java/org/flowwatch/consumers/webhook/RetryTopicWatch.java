package org.flowwatch.consumers.webhook;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.flowwatch.schemas.avro.WebhookDelivery;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.schemas.topics.Topics;

/**
 * Reads the retry topic from now on for one endpoint and says once it has gone round: a version of an alert parked
 * (again) after a later version of the same alert. From then on the topic's order alone would send them the wrong
 * way round when the endpoint is back.
 */
final class RetryTopicWatch implements AutoCloseable {

    private final KafkaConsumer<String, WebhookDelivery> consumer;
    private final String endpoint;
    private final Map<String, Integer> highestParked = new HashMap<>();
    private boolean wentRound;

    RetryTopicWatch(String bootstrapServers, FlowwatchSerdes serdes, String endpoint) {
        this.endpoint = endpoint;
        this.consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                serdes.key(Topics.WEBHOOK_RETRIES).deserializer(), serdes.value(Topics.WEBHOOK_RETRIES).deserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.WEBHOOK_RETRIES.name()).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // the end now, not when first polled
    }

    boolean wentRound() {
        for (ConsumerRecord<String, WebhookDelivery> record : consumer.poll(Duration.ofMillis(100))) {
            if (endpoint.equals(record.key())) {
                String key = record.value().getIdempotencyKey();
                int colon = key.lastIndexOf(':');
                int version = Integer.parseInt(key.substring(colon + 1));
                wentRound |= highestParked.merge(key.substring(0, colon), version, Math::max) > version;
            }
        }
        return wentRound;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
