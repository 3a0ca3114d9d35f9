package org.flowwatch.hub;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.flowwatch.schemas.config.CommonSettings;
import org.flowwatch.schemas.config.ConfigLoader;
import org.flowwatch.schemas.config.Settings;
import org.flowwatch.schemas.serde.RegistrySettings;

/**
 * A hub's link to the centre. The hub side is the settings every app at the hub uses ({@code kafka.*},
 * {@code registry.*}); the centre side is under {@code hub.centre.*}.
 *
 * @param hubKafka client settings of the hub's cluster ({@code kafka.*})
 * @param centreKafka client settings of the centre's cluster ({@code hub.centre.bootstrap.servers} and {@code hub.centre.kafka.*})
 * @param lagAlertAfter how long a direction may go without replicating before Prometheus alerts ({@code hub.lag.alert.after})
 * @param mirrorOverrides raw MirrorMaker settings ({@code hub.mm2.*}, prefix removed), laid over the ones built here
 */
public record HubSettings(String hubName, String centreName, Map<String, Object> hubKafka, Map<String, Object> centreKafka,
                          RegistrySettings hubRegistry, RegistrySettings centreRegistry, short replicationFactor,
                          Duration commitEvery, Duration syncEvery, Duration checkEvery, Duration lagAlertAfter,
                          Map<String, Object> mirrorOverrides) {

    public static final String DEFAULTS = "flowwatch/defaults/hub.properties";
    public static final String CENTRE_KAFKA_PREFIX = "hub.centre.kafka.";
    public static final String MIRROR_PREFIX = "hub.mm2.";
    /**
     * MirrorMaker's {@code offset.lag.max}: an offset sync at least every this many records per partition (Kafka's
     * default is 100; a hub's topics carry hundreds of records an hour). A consumer group that keeps up and moves to the
     * other cluster re-reads at most this many plus one per partition; see docs/modules/hub.md for one that lags.
     */
    public static final int OFFSET_SYNC_EVERY = 10;

    public HubSettings {
        if (hubName.equals(centreName)) {
            throw new IllegalArgumentException("hub.name and hub.centre.name must differ, both are '" + hubName + "'");
        }
        hubKafka = Map.copyOf(hubKafka);
        centreKafka = Map.copyOf(centreKafka);
        mirrorOverrides = Map.copyOf(mirrorOverrides);
    }

    /** Adds the hub's defaults and pass-through prefixes to {@code loader}. */
    public static ConfigLoader loader(ConfigLoader loader) {
        return loader.defaults(DEFAULTS).passThrough(CENTRE_KAFKA_PREFIX).passThrough(MIRROR_PREFIX);
    }

    public static HubSettings from(Settings settings) {
        Map<String, Object> centre = new HashMap<>(settings.withPrefix(CENTRE_KAFKA_PREFIX));
        centre.put("bootstrap.servers", settings.string("hub.centre.bootstrap.servers"));
        RegistrySettings hubRegistry = CommonSettings.registry(settings);
        RegistrySettings centreRegistry = new RegistrySettings(URI.create(settings.string("hub.centre.registry.url")),
                settings.optional("hub.centre.registry.basic.auth"), hubRegistry.requestTimeout(), hubRegistry.retryFor(), true);
        return new HubSettings(settings.string("hub.name"), settings.string("hub.centre.name"), CommonSettings.kafkaClient(settings),
                centre, hubRegistry, centreRegistry, CommonSettings.replicationFactor(settings), settings.duration("hub.commit.every"),
                settings.duration("hub.sync.every"), settings.duration("hub.check.every"), settings.duration("hub.lag.alert.after"),
                settings.withPrefix(MIRROR_PREFIX));
    }

    /** The same link with more raw MirrorMaker settings on top (tests, the demo). */
    public HubSettings withMirrorOverrides(Map<String, String> more) {
        Map<String, Object> all = new HashMap<>(mirrorOverrides);
        all.putAll(more);
        return new HubSettings(hubName, centreName, hubKafka, centreKafka, hubRegistry, centreRegistry, replicationFactor,
                commitEvery, syncEvery, checkEvery, lagAlertAfter, all);
    }
}
