package org.flowwatch.producers.post;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.flowwatch.producers.publish.SendTimeouts;
import org.flowwatch.producers.journal.JournalSettings;
import org.flowwatch.schemas.config.ConfigException;
import org.flowwatch.schemas.config.Settings;

/**
 * A border post's settings: who it is, its journal, how it sends (defaults in post.properties) and the largest group
 * it records (the common {@code crossings.max.people}).
 */
public record PostSettings(String postId, JournalSettings journal, Duration heartbeatInterval, int sendBatch,
                           Duration sendTimeout, Duration maxBackoff, Duration drainTimeout, GroupSizeLimit groupLimit) {

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
                settings.duration("post.retry.max.backoff"), settings.duration("post.drain.timeout"),
                GroupSizeLimit.from(settings));
    }

    /** Kafka client settings for a post: a send gives up within {@code sendTimeout}, the journal keeps the crossing. */
    public Map<String, Object> producerConfig(Map<String, Object> kafkaClient) {
        return SendTimeouts.within(kafkaClient, sendTimeout);
    }
}
