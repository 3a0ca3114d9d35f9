package org.flowwatch.producers.gateway;

import java.nio.file.Path;
import java.time.Duration;
import org.flowwatch.producers.post.GroupSizeLimit;
import org.flowwatch.schemas.config.Settings;

/**
 * Where the gateway listens, how large a request may be, whose tokens it accepts, how long it waits for Kafka, and
 * the largest group a crossing may record (the common {@code crossings.max.people}, as the post client and the
 * streams app read it).
 */
public record GatewaySettings(String host, int port, long maxRequestBytes, PostTokens tokens, Duration ackTimeout,
                              GroupSizeLimit groupLimit) {

    public static final String DEFAULTS = "flowwatch/defaults/gateway.properties";

    public static GatewaySettings from(Settings settings) {
        PostTokens tokens = PostTokens.load(settings.optional("gateway.tokens.file").map(Path::of).orElse(null),
                settings.optional("gateway.tokens").orElse(""));
        return new GatewaySettings(settings.string("gateway.host"), settings.integer("gateway.port"),
                settings.longValue("gateway.max.request.bytes"), tokens, settings.duration("gateway.ack.timeout"),
                GroupSizeLimit.from(settings));
    }
}
