package org.flowwatch.producers.post;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.flowwatch.producers.journal.JournalSettings;
import org.flowwatch.schemas.config.ConfigException;
import org.flowwatch.schemas.config.Settings;

/** A border post's settings: who it is, its journal, and how it sends (defaults in post.properties). */
public record PostSettings(String postId, JournalSettings journal, Duration heartbeatInterval, int sendBatch,
                           Duration sendTimeout, Duration maxBackoff, Duration drainTimeout) {

    public static final String DEFAULTS = "flowwatch/defaults/post.properties";

    public static PostSettings from(Settings settings) {
        String postId = settings.string("post.id");
        Path dir = settings.optional("post.journal.dir").map(Path::of)
                .orElse(Path.of(System.getProperty("user.home"), ".flowwatch", "journal", postId));
        int warnPercent = settings.integer("post.journal.warn.percent");
        if (warnPercent < 1 || warnPercent > 100) {
            throw new ConfigException("setting 'post.journal.warn.percent' must be 1-100, got " + warnPercent);
        }
        JournalSettings journal;
        try {
            journal = new JournalSettings(dir, settings.longValue("post.journal.max.bytes"), warnPercent / 100.0,
                    settings.integer("post.journal.segment.bytes"));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("settings 'post.journal.*': " + e.getMessage());
        }
        return new PostSettings(postId, journal, settings.duration("post.heartbeat.interval"),
                settings.integer("post.send.batch"), settings.duration("post.send.timeout"),
                settings.duration("post.retry.max.backoff"), settings.duration("post.drain.timeout"));
    }

    /**
     * Kafka client settings for a post: fail a send within {@code sendTimeout} instead of the default two minutes,
     * so the post notices quickly that it is offline and keeps its journal as the buffer. The user's own
     * {@code kafka.*} settings win.
     */
    public Map<String, Object> producerConfig(Map<String, Object> kafkaClient) {
        Map<String, Object> config = new HashMap<>(kafkaClient);
        long timeoutMillis = sendTimeout.toMillis();
        config.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(5_000, timeoutMillis / 2));
        config.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeoutMillis);
        config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, Math.min(5_000L, timeoutMillis / 2));
        config.putIfAbsent(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 2_000);
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 0);
        return config;
    }
}
