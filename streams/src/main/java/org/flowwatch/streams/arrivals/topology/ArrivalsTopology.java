package org.flowwatch.streams.arrivals.topology;

import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.flowwatch.streams.runtime.ExplicitlyNamedBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.flowwatch.schemas.avro.CrossingEvent;
import org.flowwatch.schemas.avro.PostHeartbeat;
import org.flowwatch.schemas.avro.Site;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.schemas.topics.TopicSpec;
import org.flowwatch.schemas.topics.Topics;
import org.flowwatch.streams.runtime.errors.AsSentSerializer;
import org.flowwatch.streams.arrivals.counting.CountScopes;
import org.flowwatch.streams.arrivals.counting.CountedCrossing;
import org.flowwatch.streams.arrivals.dedupe.CrossingRevisions;
import org.flowwatch.streams.arrivals.dedupe.Retractions;
import org.flowwatch.streams.arrivals.validation.CheckPostRecords;
import org.flowwatch.streams.arrivals.validation.Checked;
import org.flowwatch.streams.arrivals.validation.CrossingRules;
import org.flowwatch.streams.arrivals.validation.HeartbeatRules;
import org.flowwatch.streams.arrivals.validation.ListedPlaces;

/**
 * The arrivals dataflow. Crossings → checked against the rules and the sites reference data (rejects to the dead
 * letter topic) → origin kept only if it names a place of the reference data → latest revision of each eventId only
 * (a correction also takes the figures it replaces back out of the counts) → published as valid crossings → sent to
 * their post, region and operation-wide counts (one named repartition) → hourly, local-day and rolling counts
 * ({@link WindowedCounts}).
 * Heartbeats are checked by the same rules; only their rejects are written here.
 */
public final class ArrivalsTopology {

    public static final String BY_SCOPE = "crossings-by-scope";

    private final FlowwatchSerdes serdes;
    private final ArrivalsSettings settings;

    public ArrivalsTopology(FlowwatchSerdes serdes, ArrivalsSettings settings) {
        this.serdes = serdes;
        this.settings = settings;
    }

    public Topology build(Properties streamsProps) {
        var builder = ExplicitlyNamedBuilder.create(streamsProps, "flowwatch-arrivals");
        readSites(builder);
        // Valid heartbeats have no reader in this app yet (post-silence alerts read the heartbeats topic itself).
        writeRejects(checkHeartbeats(read(builder, Topics.HEARTBEATS, "heartbeats-source")), Topics.HEARTBEATS, "heartbeat");
        var checked = checkCrossings(read(builder, Topics.CROSSINGS, "crossings-source"));
        writeRejects(checked, Topics.CROSSINGS, "crossing");
        KStream<String, CrossingEvent> revisions = keepLatestRevisions(builder, keepListedPlaces(onlyValid(checked)));
        publishValidCrossings(revisions.filterNot((postId, crossing) -> Retractions.isRetraction(crossing),
                Named.as("latest-revisions")));
        new WindowedCounts(builder, serdes, settings).count(sendToEachScope(revisions.filterNot(
                (postId, crossing) -> crossing.getWithdrawn(), Named.as("counted-figures"))));
        return builder.build(streamsProps);
    }

    private void readSites(StreamsBuilder builder) {
        FlowwatchSerdes global = serdes.forGlobalThread();
        builder.globalTable(Topics.SITES.name(),
                Consumed.with(global.key(Topics.SITES), global.value(Topics.SITES)).withName("sites-source"),
                Materialized.<String, Site, KeyValueStore<Bytes, byte[]>>as(StoreNames.SITES)
                        .withKeySerde(global.key(Topics.SITES)).withValueSerde(global.value(Topics.SITES)));
    }

    // The record timestamp is read as sent (producers stamp occurredAt, a gateway may stamp receipt): validation
    // compares the event time with it; valid records leave validation stamped with their event time.
    private <V> KStream<String, V> read(StreamsBuilder builder, TopicSpec<String, V> topic, String name) {
        return builder.stream(topic.name(), Consumed.with(serdes.key(topic), serdes.value(topic)).withName(name));
    }

    private KStream<String, Checked<CrossingEvent>> checkCrossings(KStream<String, CrossingEvent> crossings) {
        return crossings.processValues(() -> new CheckPostRecords<>(new CrossingRules(settings.validation()),
                crossing -> crossing.getOccurredAt().toEpochMilli(), StoreNames.SITES, "crossings"), Named.as("check-crossings"));
    }

    private KStream<String, Checked<PostHeartbeat>> checkHeartbeats(KStream<String, PostHeartbeat> heartbeats) {
        return heartbeats.processValues(() -> new CheckPostRecords<>(new HeartbeatRules(settings.validation()),
                heartbeat -> heartbeat.getSentAt().toEpochMilli(), StoreNames.SITES, "heartbeats"), Named.as("check-heartbeats"));
    }

    // The dead-letter value is the record re-encoded in our wire format under its source subject (AsSentSerializer);
    // the headers say why and where it came from.
    private <V> void writeRejects(KStream<String, Checked<V>> checked, TopicSpec<String, V> source, String kind) {
        checked.filter((postId, record) -> record.isRejected(), Named.as(kind + "s-rejected"))
                .mapValues(Checked::value, Named.as("unwrap-rejected-" + kind))
                .to(Topics.DEAD_LETTERS.name(), Produced.with(serdes.key(source), Serdes.serdeFrom(new AsSentSerializer<>(serdes, source),
                        serdes.value(source).deserializer())).withName(kind + "-rejects-sink"));
    }

    private KStream<String, CrossingEvent> onlyValid(KStream<String, Checked<CrossingEvent>> checked) {
        return checked.filterNot((postId, crossing) -> crossing.isRejected(), Named.as("crossings-valid"))
                .mapValues(Checked::value, Named.as("unwrap-valid-crossing"));
    }

    private KStream<String, CrossingEvent> keepListedPlaces(KStream<String, CrossingEvent> crossings) {
        return crossings.processValues(() -> new ListedPlaces(StoreNames.SITES), Named.as("places-from-reference"));
    }

    // Each eventId's latest revision; a correction comes out as the retraction of the figures counted so far (negative,
    // at their event time) followed by the new revision; resends and older revisions do not come out.
    private KStream<String, CrossingEvent> keepLatestRevisions(StreamsBuilder builder, KStream<String, CrossingEvent> crossings) {
        builder.addStateStore(Stores.windowStoreBuilder(Stores.persistentWindowStore(StoreNames.SEEN, settings.dedupeHorizon(),
                settings.dedupeHorizon(), false), Serdes.String(), serdes.avro(CrossingEvent.class)));
        return crossings.processValues(() -> new CrossingRevisions(StoreNames.SEEN, settings.dedupeHorizon()),
                Named.as("first-seen-crossings"), StoreNames.SEEN);
    }

    // What the sites and alerts app reads: each valid crossing's first copy, then each higher revision (a correction
    // or a withdrawal), keyed by post, stamped occurredAt; never a retraction.
    private void publishValidCrossings(KStream<String, CrossingEvent> crossings) {
        crossings.to(Topics.CROSSINGS_VALID.name(), Produced.with(serdes.key(Topics.CROSSINGS_VALID),
                serdes.value(Topics.CROSSINGS_VALID)).withName("crossings-valid-sink"));
    }

    private KStream<String, CountedCrossing> sendToEachScope(KStream<String, CrossingEvent> crossings) {
        return crossings.process(() -> new CountScopes(StoreNames.SITES, serdes.value(Topics.CROSSINGS).serializer()), Named.as("send-to-each-scope"))
                .repartition(Repartitioned.<String, CountedCrossing>as(BY_SCOPE)
                        .withKeySerde(Serdes.String()).withValueSerde(CountedCrossing.serde()));
    }
}
