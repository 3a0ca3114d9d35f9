package org.flowwatch.producers.publish;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Producer settings that make a send fail within {@code timeout} instead of Kafka's default two minutes: a post
 * then notices quickly that it is offline (its journal is the buffer), and the gateway can answer 503 before Kobo's
 * 30 s timeout. The user's own {@code kafka.*} settings win.
 */
public final class SendTimeouts {

    private SendTimeouts() {
    }

    public static Map<String, Object> within(Map<String, Object> kafkaClient, Duration timeout) {
        Map<String, Object> config = new HashMap<>(kafkaClient);
        long timeoutMillis = timeout.toMillis();
        config.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(5_000, timeoutMillis / 2));
        config.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeoutMillis);
        config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, Math.min(5_000L, timeoutMillis / 2));
        config.putIfAbsent(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 2_000);
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 0);
        return config;
    }
}
