package org.flowwatch.consumers.dashboard;

import java.time.Duration;
import java.util.Map;
import org.flowwatch.schemas.config.CommonSettings;
import org.flowwatch.schemas.config.Settings;
import org.flowwatch.schemas.http.ApiToken;
import org.flowwatch.schemas.serde.RegistrySettings;

/** The typed settings of {@code flowwatch ops}, {@code status} and {@code alerts}. */
public record OpsSettings(Map<String, Object> kafka, RegistrySettings registry, String httpHost, int httpPort,
                          Duration readTimeout, ApiToken apiToken) {

    public static final String DEFAULTS = "flowwatch/defaults/ops.properties";

    public static OpsSettings from(Settings settings) {
        return new OpsSettings(CommonSettings.kafkaClient(settings), CommonSettings.registry(settings),
                settings.string("ops.http.host"), settings.integer("ops.http.port"), settings.duration("ops.read.timeout"),
                ApiToken.from(settings));
    }
}
