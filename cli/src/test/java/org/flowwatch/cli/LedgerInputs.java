package org.flowwatch.cli;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.flowwatch.schemas.avro.SiteInput;
import org.flowwatch.schemas.config.Settings;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.streams.sites.SitesSettings;

/**
 * The inputs the sites app committed to its one-partition ledger topic ({@code <application id>-site-inputs-repartition}:
 * valid arrivals, movements and supplies), in their committed order, each with the record's time: what the oracles
 * work from (the app must keep them: {@link AlertOracle#keepLedgerInputs()}).
 */
record LedgerInputs(List<Input> inputs) {

    /** One input: its event (a CrossingEvent, SiteMovement or SupplyEvent) and the time it was read at. */
    record Input(long timestamp, Object event) {
    }

    static String topic(Settings settings) {
        return SitesSettings.from(settings).kafkaStreams().getProperty(StreamsConfig.APPLICATION_ID_CONFIG) + "-site-inputs-repartition";
    }

    static LedgerInputs committed(Settings settings, FlowwatchSerdes serdes) {
        String topic = topic(settings);
        var value = serdes.avro(SiteInput.class).deserializer();
        List<Input> inputs = new ArrayList<>();
        try (var reader = new CommittedReader<>(settings, topic, new StringDeserializer(), new ByteArrayDeserializer())) {
            for (ConsumerRecord<String, byte[]> record : reader.drain()) {
                inputs.add(new Input(record.timestamp(), value.deserialize(topic, record.value()).getEvent()));
            }
        }
        return new LedgerInputs(inputs);
    }
}
