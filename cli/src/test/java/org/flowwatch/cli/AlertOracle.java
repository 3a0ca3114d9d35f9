package org.flowwatch.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.flowwatch.schemas.avro.Alert;
import org.flowwatch.schemas.avro.AlertKind;
import org.flowwatch.schemas.config.Settings;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.schemas.topics.Topics;
import org.flowwatch.streams.sites.SitesApp;
import org.flowwatch.streams.sites.SitesSettings;

/**
 * What the sites app should have raised, with no crash: its own topology in a {@link TopologyTestDriver}, given the
 * reference data and then exactly the ledger inputs the real app committed to its one-partition repartition topic
 * ({@code <application id>-site-inputs-repartition}), in their committed order. Everything that decides an episode
 * (ledger, SHORTAGE, CAPACITY, SURGE) runs after that topic, so the same inputs must give the same episodes, crash or
 * not. POST_SILENT judges the wall clock, not the inputs, and is not replayed here. This is a crash-against-no-crash
 * check; SURGE and CAPACITY are also checked against rules written apart from the topology ({@link SurgeOracle},
 * {@link SitesOracle}).
 */
final class AlertOracle {

    private AlertOracle() {
    }

    static List<Alert> alertsFor(Settings settings, FlowwatchSerdes serdes, Path stateDir) {
        SitesSettings sites = SitesSettings.from(settings);
        Properties props = new Properties();
        props.putAll(sites.kafkaStreams());
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        String ledgerInputs = LedgerInputs.topic(settings);
        try (TopologyTestDriver driver = new TopologyTestDriver(SitesApp.topology(sites), props, Instant.EPOCH)) {
            for (String topic : List.of(Topics.SITES.name(), Topics.ITEMS.name(), Topics.THRESHOLDS.name(), ledgerInputs)) {
                pipeCommitted(settings, driver, topic);
            }
            return driver.createOutputTopic(Topics.ALERT_EVENTS.name(), serdes.key(Topics.ALERT_EVENTS).deserializer(),
                    serdes.value(Topics.ALERT_EVENTS).deserializer()).readValuesToList();
        }
    }

    /** Episode ids, POST_SILENT aside: kind, site or post, item and the instant it opened (`SHORTAGE/goris/water/2023-...`). */
    static Set<String> episodes(List<Alert> alerts) {
        return alerts.stream().filter(alert -> alert.getKind() != AlertKind.POST_SILENT).map(Alert::getAlertId)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * Every change of every episode, POST_SILENT aside, as {@code version state severity} in version order per
     * episode: a lost escalation or RESOLVED, or one written twice, shows.
     */
    static Map<String, List<String>> changes(List<Alert> alerts) {
        Map<String, List<String>> changes = new TreeMap<>();
        alerts.stream().filter(alert -> alert.getKind() != AlertKind.POST_SILENT)
                .sorted(Comparator.comparing(Alert::getAlertId).thenComparing(Alert::getVersion))
                .forEach(alert -> changes.computeIfAbsent(alert.getAlertId(), id -> new ArrayList<>())
                        .add(alert.getVersion() + " " + alert.getState() + " " + alert.getSeverity()));
        return changes;
    }

    /** The setting the sites app needs for the oracle: its ledger inputs kept on their repartition topic. */
    static final String PURGE_SETTING = "kafka.repartition.purge.interval.ms";
    static final String KEEP = Long.toString(Long.MAX_VALUE);

    /** The same as a {@code key=value} for a child process. */
    static String keepLedgerInputs() {
        return PURGE_SETTING + "=" + KEEP;
    }

    private static void pipeCommitted(Settings settings, TopologyTestDriver driver, String topic) {
        var input = driver.createInputTopic(topic, new ByteArraySerializer(), new ByteArraySerializer());
        try (var reader = new CommittedReader<>(settings, topic, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            for (ConsumerRecord<byte[], byte[]> record : reader.drain()) {
                input.pipeInput(new org.apache.kafka.streams.test.TestRecord<>(record.key(), record.value(), record.headers(),
                        record.timestamp()));
            }
        }
    }
}
