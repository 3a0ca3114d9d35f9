package org.flowwatch.streams.sites;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.flowwatch.streams.runtime.ExplicitlyNamedBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.flowwatch.schemas.avro.Alert;
import org.flowwatch.schemas.avro.AlertState;
import org.flowwatch.schemas.avro.CrossingEvent;
import org.flowwatch.schemas.avro.Direction;
import org.flowwatch.schemas.avro.SiteInput;
import org.flowwatch.schemas.avro.SiteStatus;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.schemas.topics.TopicSpec;
import org.flowwatch.schemas.topics.Topics;
import org.flowwatch.streams.runtime.time.CrossingTimeExtractor;

/**
 * Sites, stock and alerts. Valid crossings (arrivals routed to a site), site movements and supplies, keyed by the site
 * they change → the ledger of population and stock, partitioned by site ({@code sites.ledger.partitions}) → site
 * statuses (days of cover) → SHORTAGE and CAPACITY alerts; a transfer between sites on two partitions leaves one
 * and reaches the other through a hand-over topic; arrivals per post and region, all in one task → SURGE alerts;
 * crossings and heartbeats per post → POST_SILENT alerts (wall clock). Sites, items
 * and thresholds are global stores over their compacted topics, so a change there applies without a restart.
 */
public final class SitesTopology {

    /** The store of the latest status of every site, for queries. */
    public static final String STATUS_STORE = SiteLedgerProcessor.STATUS_STORE;
    /** The stores of the open alert episodes, one per processor, for queries. */
    public static final List<String> ALERT_STORES = List.of(SiteAlertsProcessor.ALERTS_STORE, SurgeProcessor.ALERTS_STORE,
            PostSilenceProcessor.ALERTS_STORE);

    private final FlowwatchSerdes serdes;
    private final SitesSettings settings;

    public SitesTopology(FlowwatchSerdes serdes, SitesSettings settings) {
        this.serdes = serdes;
        this.settings = settings;
    }

    public Topology build(Properties streamsProps) {
        var builder = ExplicitlyNamedBuilder.create(streamsProps, "flowwatch-sites");
        new SitesStores(serdes).addTo(builder);
        KStream<String, CrossingEvent> crossings = readCrossings(builder);
        KStream<String, SiteInput> inputs = ledgerInputs(builder, crossings);
        Map<String, KStream<String, LedgerOutcome>> outcomes = keepLedger(inputs);
        writeRejects(outcomes.get("ledger-rejected"));
        handOver(outcomes.get("ledger-handover"));
        KStream<String, SiteStatus> statuses = writeStatuses(outcomes.get("ledger-status"));
        writeAlerts(judgeSites(statuses), "site");
        writeAlerts(judgeSurges(surgeArrivals(inputs, crossings)), "surge");
        writeAlerts(judgeSilence(crossings, builder), "silence");
        return builder.build(streamsProps);
    }

    private KStream<String, CrossingEvent> readCrossings(StreamsBuilder builder) {
        TopicSpec<String, CrossingEvent> topic = settings.crossings();
        return builder.stream(topic.name(), Consumed.with(serdes.key(topic), serdes.value(topic))
                .withTimestampExtractor(new CrossingTimeExtractor()).withName("sites-crossings-source"));
    }

    /** Arrivals, movements, supplies and hand-overs, each stamped with its source, keyed and partitioned by site. */
    private KStream<String, SiteInput> ledgerInputs(StreamsBuilder builder, KStream<String, CrossingEvent> crossings) {
        KStream<String, SiteInput> arrivals = crossings
                .filter((postId, crossing) -> crossing.getDirection() == Direction.ARRIVAL, Named.as("sites-arrivals-only"))
                .processValues(SourceStamp::new, Named.as("stamp-arrivals"));
        KStream<String, SiteInput> movements = builder.stream(Topics.SITE_MOVEMENTS.name(),
                        Consumed.with(serdes.key(Topics.SITE_MOVEMENTS), serdes.value(Topics.SITE_MOVEMENTS)).withName("movements-source"))
                .processValues(SourceStamp::new, Named.as("stamp-movements"));
        KStream<String, SiteInput> supplies = builder.stream(Topics.SUPPLIES.name(),
                        Consumed.with(serdes.key(Topics.SUPPLIES), serdes.value(Topics.SUPPLIES)).withName("supplies-source"))
                .processValues(SourceStamp::new, Named.as("stamp-supplies"));
        KStream<String, SiteInput> handovers = builder.stream(Topics.SITE_HANDOVERS.name(), Consumed.with(
                serdes.key(Topics.SITE_HANDOVERS), serdes.value(Topics.SITE_HANDOVERS)).withName("handovers-source"));
        return arrivals.merge(movements, Named.as("merge-arrivals-movements"))
                .merge(supplies, Named.as("merge-arrivals-movements-supplies"))
                .merge(handovers, Named.as("merge-ledger-inputs"))
                .process(() -> new SiteRouter(settings.rules(), settings.ledgerPartitions()), Named.as("key-by-site"),
                        SiteRouter.ROUTED_STORE)
                .repartition(Repartitioned.<String, SiteInput>as("site-inputs").withNumberOfPartitions(settings.ledgerPartitions())
                        .withStreamPartitioner(new SitePartitioner())
                        .withKeySerde(Serdes.String()).withValueSerde(serdes.avro(SiteInput.class)));
    }

    private Map<String, KStream<String, LedgerOutcome>> keepLedger(KStream<String, SiteInput> inputs) {
        return inputs
                .process(() -> new SiteLedgerProcessor(settings.rules(), settings.model(), settings.reevaluateEvery(),
                                settings.ledgerPartitions()),
                        Named.as("site-ledger"), SiteLedgerProcessor.LEDGER_STORE, SiteLedgerProcessor.CLOCK_STORE,
                        SiteLedgerProcessor.STATUS_STORE, AppliedInputs.STORE, WaitingDepartures.STORE,
                        AppliedCrossings.STORE)
                .split(Named.as("ledger-"))
                .branch((siteId, outcome) -> outcome.isRejected(), Branched.as("rejected"))
                .branch((siteId, outcome) -> outcome.isHandover(), Branched.as("handover"))
                .defaultBranch(Branched.as("status"));
    }

    private void handOver(KStream<String, LedgerOutcome> handovers) {
        handovers.mapValues(LedgerOutcome::handover, Named.as("handover-input"))
                .to(Topics.SITE_HANDOVERS.name(), Produced.with(serdes.key(Topics.SITE_HANDOVERS),
                        serdes.value(Topics.SITE_HANDOVERS)).withName("handovers-sink"));
    }

    private void writeRejects(KStream<String, LedgerOutcome> rejected) {
        rejected.mapValues(LedgerOutcome::rejected, Named.as("rejected-input"))
                .to(Topics.SITES_REJECTED.name(), Produced.with(serdes.key(Topics.SITES_REJECTED),
                        serdes.value(Topics.SITES_REJECTED)).withName("sites-rejected-sink"));
    }

    private KStream<String, SiteStatus> writeStatuses(KStream<String, LedgerOutcome> changed) {
        KStream<String, SiteStatus> statuses = changed.mapValues(LedgerOutcome::status, Named.as("site-status"));
        statuses.to(Topics.SITE_STATUS.name(), Produced.with(serdes.key(Topics.SITE_STATUS), serdes.value(Topics.SITE_STATUS))
                .withName("site-status-sink"));
        return statuses;
    }

    private KStream<String, Alert> judgeSites(KStream<String, SiteStatus> statuses) {
        return statuses.process(() -> new SiteAlertsProcessor(settings.rules(), settings.model(), settings.reevaluateEvery()),
                Named.as("judge-sites"), SiteAlertsProcessor.ALERTS_STORE, SiteLedgerProcessor.STATUS_STORE);
    }

    /**
     * SURGE judges a region's posts together, so it needs every arrival in one task: on one ledger partition, the
     * ledger's own input (no extra hop per crossing); on more, a one-partition repartition of its own.
     */
    private KStream<String, CrossingEvent> surgeArrivals(KStream<String, SiteInput> inputs, KStream<String, CrossingEvent> crossings) {
        if (settings.ledgerPartitions() == 1) {
            return inputs.filter((siteId, input) -> input.getEvent() instanceof CrossingEvent, Named.as("surge-arrivals-only"))
                    .mapValues(input -> (CrossingEvent) input.getEvent(), Named.as("surge-crossing"));
        }
        return crossings
                .filter((postId, crossing) -> crossing.getDirection() == Direction.ARRIVAL, Named.as("surge-arrivals-only"))
                .repartition(Repartitioned.<String, CrossingEvent>as("surge-arrivals").withNumberOfPartitions(1)
                        .withKeySerde(Serdes.String()).withValueSerde(serdes.avro(CrossingEvent.class)));
    }

    private KStream<String, Alert> judgeSurges(KStream<String, CrossingEvent> arrivals) {
        return arrivals
                .process(() -> new SurgeProcessor(settings.rules()), Named.as("judge-surges"),
                        SurgeProcessor.ARRIVALS_STORE, SurgeProcessor.ALERTS_STORE);
    }

    private KStream<String, Alert> judgeSilence(KStream<String, CrossingEvent> crossings, StreamsBuilder builder) {
        KStream<String, SignOfLife> heartbeats = builder.stream(Topics.HEARTBEATS.name(),
                        Consumed.with(serdes.key(Topics.HEARTBEATS), serdes.value(Topics.HEARTBEATS)).withName("heartbeats-source"))
                .mapValues(heartbeat -> SignOfLife.HEARTBEAT, Named.as("heartbeat-sign-of-life"));
        return crossings.mapValues(crossing -> SignOfLife.CROSSING, Named.as("crossing-sign-of-life"))
                .merge(heartbeats, Named.as("signs-of-life"))
                .process(() -> new PostSilenceProcessor(settings.rules()), Named.as("judge-silence"),
                        PostSilenceProcessor.LAST_HEARD_STORE, PostSilenceProcessor.ALERTS_STORE);
    }

    /** Every change to the events topic; the open ones to the current-alerts topic, a tombstone once resolved. */
    private void writeAlerts(KStream<String, Alert> alerts, String source) {
        alerts.to(Topics.ALERT_EVENTS.name(), Produced.with(serdes.key(Topics.ALERT_EVENTS), serdes.value(Topics.ALERT_EVENTS))
                .withName(source + "-alert-events-sink"));
        alerts.mapValues(alert -> alert.getState() == AlertState.RESOLVED ? null : alert, Named.as(source + "-alert-current"))
                .to(Topics.ALERTS_CURRENT.name(), Produced.with(serdes.key(Topics.ALERTS_CURRENT),
                        serdes.value(Topics.ALERTS_CURRENT)).withName(source + "-alerts-current-sink"));
    }
}
