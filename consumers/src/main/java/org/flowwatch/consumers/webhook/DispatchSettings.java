package org.flowwatch.consumers.webhook;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.flowwatch.schemas.config.CommonSettings;
import org.flowwatch.schemas.config.ConfigException;
import org.flowwatch.schemas.config.Settings;
import org.flowwatch.schemas.serde.RegistrySettings;

/** The typed settings of {@code flowwatch dispatch}, read once from the layered configuration. */
public record DispatchSettings(Map<String, Object> kafka, RegistrySettings registry, Optional<Path> endpointsFile,
                               String groupPrefix, String startFrom, Duration requestTimeout, RetryPolicy retry,
                               UrlPolicy urlPolicy) {

    public static final String DEFAULTS = "flowwatch/defaults/dispatch.properties";

    public static DispatchSettings from(Settings settings) {
        String startFrom = settings.string("dispatch.new.endpoint.start");
        if (!startFrom.equals("earliest") && !startFrom.equals("latest")) {
            throw new ConfigException("setting 'dispatch.new.endpoint.start' must be earliest or latest, got '" + startFrom
                    + "' (from " + settings.layer("dispatch.new.endpoint.start") + ")");
        }
        Backoff backoff = new Backoff(settings.duration("dispatch.retry.initial.delay"),
                settings.duration("dispatch.retry.max.delay"), RandomGenerator.getDefault());
        RetryPolicy retry = new RetryPolicy(backoff, settings.integer("dispatch.retry.inline.attempts"),
                settings.duration("dispatch.retry.inline.max.wait"), settings.duration("dispatch.give.up.after"));
        return new DispatchSettings(CommonSettings.kafkaClient(settings), CommonSettings.registry(settings),
                settings.optional("dispatch.endpoints.file").map(Path::of), settings.string("dispatch.group.prefix"),
                startFrom, settings.duration("dispatch.request.timeout"), retry,
                new UrlPolicy(settings.bool("dispatch.allow.loopback"), settings.bool("dispatch.allow.private")));
    }
}
