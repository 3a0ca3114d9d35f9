package org.flowwatch.streams.sites;

import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.state.Stores;
import org.flowwatch.schemas.avro.Alert;
import org.flowwatch.schemas.avro.SiteInput;
import org.flowwatch.schemas.avro.SiteStatus;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.schemas.topics.TopicSpec;
import org.flowwatch.schemas.topics.Topics;

/** The state of the sites app: reference data (global stores), the ledger, and the open episodes of each alert kind. */
final class SitesStores {

    private final FlowwatchSerdes serdes;

    SitesStores(FlowwatchSerdes serdes) {
        this.serdes = serdes;
    }

    void addTo(StreamsBuilder builder) {
        addReference(builder, Topics.SITES, ReferenceData.SITES_STORE, "sites-reference");
        addReference(builder, Topics.ITEMS, ReferenceData.ITEMS_STORE, "items-reference");
        addReference(builder, Topics.THRESHOLDS, ReferenceData.THRESHOLDS_STORE, "thresholds-reference");
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SiteLedgerProcessor.LEDGER_STORE),
                Serdes.String(), LedgerSerde.siteLedger()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(WaitingDepartures.STORE),
                Serdes.String(), serdes.avro(SiteInput.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SiteLedgerProcessor.CLOCK_STORE),
                Serdes.String(), Serdes.Long()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SiteLedgerProcessor.STATUS_STORE),
                Serdes.String(), serdes.avro(SiteStatus.class)));
        builder.addStateStore(Stores.windowStoreBuilder(Stores.persistentWindowStore(AppliedInputs.STORE,
                AppliedInputs.HORIZON, Duration.ofMillis(1), false), Serdes.String(), Serdes.Long()));
        builder.addStateStore(Stores.windowStoreBuilder(Stores.persistentWindowStore(AppliedCrossings.STORE,
                AppliedInputs.HORIZON, Duration.ofMillis(1), false), Serdes.String(), Serdes.String()));
        builder.addStateStore(Stores.windowStoreBuilder(Stores.persistentWindowStore(SiteRouter.ROUTED_STORE,
                AppliedInputs.HORIZON, Duration.ofMillis(1), false), Serdes.String(), Serdes.String()));
        builder.addStateStore(Stores.windowStoreBuilder(Stores.persistentWindowStore(SurgeProcessor.ARRIVALS_STORE,
                SurgeProcessor.RETENTION, SurgeProcessor.BUCKET, false), Serdes.String(), Serdes.Long()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PostSilenceProcessor.LAST_HEARD_STORE),
                Serdes.String(), Serdes.Long()));
        for (String alerts : new String[] {SiteAlertsProcessor.ALERTS_STORE, SurgeProcessor.ALERTS_STORE, PostSilenceProcessor.ALERTS_STORE}) {
            builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(alerts),
                    Serdes.String(), serdes.avro(Alert.class)));
        }
    }

    // Global: every instance holds all reference data, so any ledger or alert task can look up any site or item.
    private <V> void addReference(StreamsBuilder builder, TopicSpec<String, V> topic, String storeName, String name) {
        FlowwatchSerdes global = serdes.forGlobalThread();
        builder.addGlobalStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(storeName),
                        global.key(topic), global.value(topic)).withLoggingDisabled(),
                topic.name(), Consumed.with(global.key(topic), global.value(topic)).withName(name + "-source"),
                () -> new ReferenceUpdater<>(storeName));
    }
}
