package org.flowwatch.consumers.webhook;

import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.flowwatch.embedded.EmbeddedStack;
import org.flowwatch.schemas.avro.Alert;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.schemas.testing.StackTopics;
import org.flowwatch.schemas.topics.Topics;

/** What the dispatcher's integration tests (webhooks, SMS) do on the embedded stack: its topics, alerts raised. */
public final class DispatchStack {

    private DispatchStack() {
    }

    /** The catalogue's topics created on the stack, and serdes over its registry. */
    public static FlowwatchSerdes prepared(EmbeddedStack stack) {
        return StackTopics.serdesWithTopics(stack);
    }

    /** Raises an alert state change, as the sites app would. */
    public static void publish(EmbeddedStack stack, FlowwatchSerdes serdes, Alert alert) {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, Alert> producer = new KafkaProducer<>(config, serdes.key(Topics.ALERT_EVENTS).serializer(),
                serdes.value(Topics.ALERT_EVENTS).serializer())) {
            producer.send(new ProducerRecord<>(Topics.ALERT_EVENTS.name(), alert.getAlertId(), alert));
        }
    }
}
