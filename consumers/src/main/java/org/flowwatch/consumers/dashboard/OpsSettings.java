package org.flowwatch.consumers.dashboard;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import org.flowwatch.schemas.config.CommonSettings;
import org.flowwatch.schemas.config.Settings;
import org.flowwatch.schemas.http.ApiToken;
import org.flowwatch.schemas.serde.RegistrySettings;

/** The typed settings of {@code flowwatch ops}, {@code status} and {@code alerts}; {@code timeZone} is the operation's. */
public record OpsSettings(Map<String, Object> kafka, RegistrySettings registry, String httpHost, int httpPort,
                          Duration readTimeout, ApiToken apiToken, ZoneId timeZone) {

    public static final String DEFAULTS = "flowwatch/defaults/ops.properties";
    /** {@code operation.time.zone}'s default. */
    public static final ZoneId DEFAULT_TIME_ZONE = ZoneId.of("Asia/Yerevan");

    public static OpsSettings from(Settings settings) {
        return new OpsSettings(CommonSettings.kafkaClient(settings), CommonSettings.registry(settings),
                settings.string("ops.http.host"), settings.integer("ops.http.port"), settings.duration("ops.read.timeout"),
                ApiToken.from(settings), CommonSettings.timeZone(settings));
    }
}
