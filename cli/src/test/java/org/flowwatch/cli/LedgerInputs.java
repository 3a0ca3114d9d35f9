package org.flowwatch.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.flowwatch.schemas.avro.CrossingEvent;
import org.flowwatch.schemas.avro.SiteInput;
import org.flowwatch.schemas.config.Settings;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.streams.sites.SitesSettings;

/**
 * The inputs one task of the sites ledger committed to its partition of {@code <application id>-site-inputs-repartition}
 * (valid arrivals, movements and supplies), in their committed order, each with the record's time: what the oracles
 * work from (the app must keep them: {@link AlertOracle#keepLedgerInputs()}). Each ledger partition is a task of its
 * own, with its own order and operation clock, so the oracles run over each partition apart.
 */
record LedgerInputs(List<Input> inputs) {

    /** One input: its event (a CrossingEvent, SiteMovement or SupplyEvent) and the time it was read at. */
    record Input(long timestamp, Object event) {
    }

    static String topic(Settings settings) {
        return internalTopic(settings, "site-inputs");
    }

    /** Where SURGE reads its arrivals on more than one ledger partition: a one-partition topic of its own. */
    static String surgeTopic(Settings settings) {
        return internalTopic(settings, "surge-arrivals");
    }

    /** Each ledger partition's committed inputs, partition by partition. */
    static List<LedgerInputs> committed(Settings settings, FlowwatchSerdes serdes) {
        var value = serdes.avro(SiteInput.class).deserializer();
        return byPartition(settings, topic(settings), (topic, bytes) -> value.deserialize(topic, bytes).getEvent());
    }

    /**
     * The arrivals SURGE judged, in its one task's order: on one ledger partition the ledger's own inputs
     * ({@code committed}, as read), on more its own topic (arrivals only, so its stream time moves with crossings only).
     */
    static LedgerInputs surgeArrivals(Settings settings, FlowwatchSerdes serdes, List<LedgerInputs> committed) {
        List<LedgerInputs> one = committed;
        if (SitesSettings.from(settings).ledgerPartitions() > 1) {
            var crossing = serdes.avro(CrossingEvent.class).deserializer();
            one = byPartition(settings, surgeTopic(settings), crossing::deserialize);
        }
        return one.isEmpty() ? new LedgerInputs(List.of()) : one.get(0);
    }

    /** The committed records of a topic by partition, in each partition's order. */
    static Map<Integer, List<ConsumerRecord<byte[], byte[]>>> records(Settings settings, String topic) {
        Map<Integer, List<ConsumerRecord<byte[], byte[]>>> partitions = new TreeMap<>();
        try (var reader = new CommittedReader<>(settings, topic, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            reader.drain().forEach(record -> partitions.computeIfAbsent(record.partition(), p -> new ArrayList<>()).add(record));
        }
        return partitions;
    }

    private static List<LedgerInputs> byPartition(Settings settings, String topic, Deserializer<?> event) {
        List<LedgerInputs> partitions = new ArrayList<>();
        records(settings, topic).values().forEach(records -> partitions.add(new LedgerInputs(records.stream()
                .map(record -> new Input(record.timestamp(), event.deserialize(topic, record.value()))).toList())));
        return partitions;
    }

    private static String internalTopic(Settings settings, String name) {
        return SitesSettings.from(settings).kafkaStreams().getProperty(StreamsConfig.APPLICATION_ID_CONFIG) + "-" + name + "-repartition";
    }
}
