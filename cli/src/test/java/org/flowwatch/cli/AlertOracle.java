package org.flowwatch.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.Set;
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
 * reference data and then exactly the inputs the real app committed to its repartition topics, partition by
 * partition in their committed order: the ledger inputs ({@code <application id>-site-inputs-repartition}, by site)
 * and the arrivals its surges are judged from ({@code -surge-arrivals-repartition}, by region). Everything that
 * decides an episode (ledger, SHORTAGE, CAPACITY, RUN_OUT, SURGE) runs after those topics, so the same inputs must
 * give the same episodes, crash or not (the test's sites share one ledger partition, so one task's clock, as in the
 * driver). POST_SILENT judges the wall clock, not the inputs, and is not replayed here. Transfers are not piped: the
 * driver's ledger hands them over itself.
 */
final class AlertOracle {

    private AlertOracle() {
    }

    static List<Alert> alertsFor(Settings settings, FlowwatchSerdes serdes, Path stateDir) {
        SitesSettings sites = SitesSettings.from(settings);
        Properties props = new Properties();
        props.putAll(sites.kafkaStreams());
        String app = props.getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
        // One driver per repartition topic: each is read by a task of its own in the real app, with its own stream
        // time (the surges' alert ids carry it), as one driver's single task would not.
        List<Alert> alerts = new java.util.ArrayList<>();
        for (String internal : List.of(app + "-site-inputs-repartition", app + "-surge-arrivals-repartition")) {
            props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.resolve(internal).toString());
            try (TopologyTestDriver driver = new TopologyTestDriver(SitesApp.topology(sites), props, Instant.EPOCH)) {
                for (String topic : List.of(Topics.SITES.name(), Topics.ITEMS.name(), Topics.THRESHOLDS.name(), internal)) {
                    pipeCommitted(settings, driver, topic);
                }
                alerts.addAll(driver.createOutputTopic(Topics.ALERT_EVENTS.name(), serdes.key(Topics.ALERT_EVENTS).deserializer(),
                        serdes.value(Topics.ALERT_EVENTS).deserializer()).readValuesToList());
            }
        }
        return alerts;
    }

    /** Episode ids, POST_SILENT aside: kind, site or post, item and the instant it opened (`SHORTAGE/goris/water/2023-...`). */
    static Set<String> episodes(List<Alert> alerts) {
        return alerts.stream().filter(alert -> alert.getKind() != AlertKind.POST_SILENT).map(Alert::getAlertId)
                .collect(Collectors.toCollection(TreeSet::new));
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
            List<ConsumerRecord<byte[], byte[]>> records = new java.util.ArrayList<>(reader.drain());
            records.sort(java.util.Comparator.comparingInt((ConsumerRecord<byte[], byte[]> record) -> record.partition())
                    .thenComparingLong(ConsumerRecord::offset));
            for (ConsumerRecord<byte[], byte[]> record : records) {
                input.pipeInput(new org.apache.kafka.streams.test.TestRecord<>(record.key(), record.value(), record.headers(),
                        record.timestamp()));
            }
        }
    }
}
