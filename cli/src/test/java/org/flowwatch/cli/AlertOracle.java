package org.flowwatch.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.flowwatch.schemas.avro.Alert;
import org.flowwatch.schemas.avro.AlertKind;
import org.flowwatch.schemas.avro.CrossingEvent;
import org.flowwatch.schemas.avro.SiteInput;
import org.flowwatch.schemas.config.Settings;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.schemas.topics.Topics;
import org.flowwatch.streams.sites.SitesApp;
import org.flowwatch.streams.sites.SitesSettings;

/**
 * What the sites app should have raised, with no crash: its own topology in a {@link TopologyTestDriver}, given the
 * reference data and then exactly the ledger inputs the real app committed to its repartition topic
 * ({@code <application id>-site-inputs-repartition}), in their committed order: on more than one ledger partition, the
 * topology on one partition once per partition, given that partition's inputs, and once more for SURGE, given the
 * arrivals it read from its own topic. Everything that decides an episode
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
        Map<String, List<TestRecord<byte[], byte[]>>> reference = new LinkedHashMap<>();
        for (String topic : List.of(Topics.SITES.name(), Topics.ITEMS.name(), Topics.THRESHOLDS.name())) {
            reference.put(topic, testRecords(LedgerInputs.records(settings, topic).values().stream().flatMap(List::stream)));
        }
        String ledgerTopic = LedgerInputs.topic(settings);
        Map<Integer, List<ConsumerRecord<byte[], byte[]>>> ledger = LedgerInputs.records(settings, ledgerTopic);
        if (sites.ledgerPartitions() == 1) {
            return replay(sites, serdes, stateDir, reference, ledgerTopic, testRecords(ledger.getOrDefault(0, List.of()).stream()),
                    kind -> true);
        }
        // Each ledger partition is a task with its own order and clock: the topology on one partition, given one
        // partition's inputs, is that task (the sites here are only ever on their own partition: no hand-overs).
        SitesSettings onePartition = sites.withLedgerPartitions(1);
        List<Alert> alerts = new ArrayList<>();
        ledger.forEach((partition, records) -> alerts.addAll(replay(onePartition, serdes, stateDir.resolve("ledger-" + partition),
                reference, ledgerTopic, testRecords(records.stream()), kind -> kind != AlertKind.SURGE)));
        // SURGE reads the arrivals of its own one-partition topic: the same processor, given them as its inputs
        List<ConsumerRecord<byte[], byte[]>> surge = LedgerInputs.records(settings, LedgerInputs.surgeTopic(settings))
                .getOrDefault(0, List.of());
        alerts.addAll(replay(onePartition, serdes, stateDir.resolve("surge"), reference, ledgerTopic,
                asLedgerInputs(surge, serdes, ledgerTopic), kind -> kind == AlertKind.SURGE));
        return alerts;
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

    /** The sites topology in a test driver given the reference data and then {@code inputs}: the alerts of {@code kinds}. */
    private static List<Alert> replay(SitesSettings sites, FlowwatchSerdes serdes, Path stateDir,
                                      Map<String, List<TestRecord<byte[], byte[]>>> reference, String ledgerTopic,
                                      List<TestRecord<byte[], byte[]>> inputs, Predicate<AlertKind> kinds) {
        Properties props = new Properties();
        props.putAll(sites.kafkaStreams());
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        try (TopologyTestDriver driver = new TopologyTestDriver(SitesApp.topology(sites), props, Instant.EPOCH)) {
            reference.forEach((topic, records) -> pipe(driver, topic, records));
            pipe(driver, ledgerTopic, inputs);
            return driver.createOutputTopic(Topics.ALERT_EVENTS.name(), serdes.key(Topics.ALERT_EVENTS).deserializer(),
                    serdes.value(Topics.ALERT_EVENTS).deserializer()).readValuesToList().stream()
                    .filter(alert -> kinds.test(alert.getKind())).toList();
        }
    }

    /** SURGE's arrivals as the ledger inputs they are on one partition. */
    private static List<TestRecord<byte[], byte[]>> asLedgerInputs(List<ConsumerRecord<byte[], byte[]>> arrivals,
                                                                   FlowwatchSerdes serdes, String ledgerTopic) {
        var crossing = serdes.avro(CrossingEvent.class).deserializer();
        var input = serdes.avro(SiteInput.class).serializer();
        return arrivals.stream().map(record -> new TestRecord<>(record.key(), input.serialize(ledgerTopic, new SiteInput(
                crossing.deserialize(record.topic(), record.value()), record.topic(), record.partition(), record.offset())),
                record.headers(), record.timestamp())).toList();
    }

    private static List<TestRecord<byte[], byte[]>> testRecords(Stream<ConsumerRecord<byte[], byte[]>> records) {
        return records.map(record -> new TestRecord<>(record.key(), record.value(), record.headers(), record.timestamp())).toList();
    }

    private static void pipe(TopologyTestDriver driver, String topic, List<TestRecord<byte[], byte[]>> records) {
        var input = driver.createInputTopic(topic, new ByteArraySerializer(), new ByteArraySerializer());
        records.forEach(input::pipeInput);
    }
}
