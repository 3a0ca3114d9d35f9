package org.flowwatch.schemas.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Map;
import org.flowwatch.schemas.serde.RegistrySettings;
import org.flowwatch.schemas.serde.RegistryTls;

/** Reads the settings every app shares (from {@code flowwatch/defaults/common.properties}). */
public final class CommonSettings {

    public static final String DEFAULTS = "flowwatch/defaults/common.properties";
    public static final String KAFKA_PREFIX = "kafka.";

    private CommonSettings() {
    }

    /** A loader with the common defaults and the Kafka pass-through prefix already in place. */
    public static ConfigLoader loader() {
        return ConfigLoader.create().defaults(DEFAULTS).passThrough(KAFKA_PREFIX);
    }

    public static RegistrySettings registry(Settings settings) {
        return new RegistrySettings(URI.create(settings.string("registry.url")),
                settings.optional("registry.basic.auth"), settings.duration("registry.timeout"), settings.duration("registry.retry.for"),
                settings.bool("registry.auto.register"), registryTls(settings));
    }

    /** The registry's TLS stores, checked here so that a wrong path or password is one line naming the setting. */
    public static RegistryTls registryTls(Settings settings) {
        RegistryTls tls = new RegistryTls(settings.optional("registry.ssl.truststore.location").map(Path::of),
                settings.optional("registry.ssl.truststore.password").orElse(""),
                settings.optional("registry.ssl.keystore.location").map(Path::of),
                settings.optional("registry.ssl.keystore.password").orElse(""));
        try {
            tls.context();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
        return tls;
    }

    /** Kafka client configs (the {@code kafka.} settings, prefix removed). */
    public static Map<String, Object> kafkaClient(Settings settings) {
        return settings.withPrefix(KAFKA_PREFIX);
    }

    /**
     * A producer's configs with what no flowwatch record may be written without: acks from every in-sync replica and
     * idempotence (a retried send is not written twice). Laid over {@code kafkaConfig}, so a setting cannot turn them off.
     */
    public static Map<String, Object> reliableProducer(Map<String, Object> kafkaConfig) {
        Map<String, Object> config = new java.util.HashMap<>(kafkaConfig);
        config.put("acks", "all");
        config.put("enable.idempotence", true);
        return config;
    }

    /** The operation's time zone ({@code operation.time.zone}); an unknown zone id is refused naming the setting. */
    public static ZoneId timeZone(Settings settings) {
        String zone = settings.string("operation.time.zone");
        try {
            return ZoneId.of(zone);
        } catch (java.time.DateTimeException e) {
            throw new ConfigException("setting 'operation.time.zone' must be a time zone id such as Asia/Yerevan, got '"
                    + zone + "' (from " + settings.layer("operation.time.zone") + ")");
        }
    }

    public static short replicationFactor(Settings settings) {
        return (short) settings.integer("topics.replication.factor");
    }
}
