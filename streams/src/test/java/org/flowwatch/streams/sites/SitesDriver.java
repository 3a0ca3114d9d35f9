package org.flowwatch.streams.sites;

import static org.flowwatch.schemas.testing.CrossingBuilder.T0;

import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.flowwatch.schemas.avro.Alert;
import org.flowwatch.schemas.avro.CrossingEvent;
import org.flowwatch.schemas.avro.Item;
import org.flowwatch.schemas.avro.MovementKind;
import org.flowwatch.schemas.avro.NeedBasis;
import org.flowwatch.schemas.avro.PostHeartbeat;
import org.flowwatch.schemas.avro.Site;
import org.flowwatch.schemas.avro.SiteInput;
import org.flowwatch.schemas.avro.SiteKind;
import org.flowwatch.schemas.avro.SiteMovement;
import org.flowwatch.schemas.avro.SiteStatus;
import org.flowwatch.schemas.avro.SupplyEvent;
import org.flowwatch.schemas.avro.SupplyKind;
import org.flowwatch.schemas.avro.Threshold;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.schemas.serde.InMemorySchemaRegistryClient;
import org.flowwatch.schemas.topics.TopicSpec;
import org.flowwatch.schemas.topics.Topics;

/** The production sites topology in a TopologyTestDriver, with its input and output topics and test-data helpers. */
final class SitesDriver implements AutoCloseable {

    static final AlertRules RULES = new AlertRules(3, 1, 1.0, 0.75, 0.9, 1.0, 0.1, 1000, 3, 50, 0.3,
            Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofMinutes(1));
    static final Duration REEVALUATE = Duration.ofSeconds(10);
    // One directory per test JVM: test runs of other checkouts on the same machine lock a shared one.
    private static final java.nio.file.Path STATE_DIR = org.flowwatch.streams.StateDirs.forThisJvm("sites-driver");

    final FlowwatchSerdes serdes = new FlowwatchSerdes(new InMemorySchemaRegistryClient());
    final TopologyTestDriver driver;
    final TestInputTopic<String, CrossingEvent> crossings;
    final TestOutputTopic<String, Alert> alerts;
    final TestOutputTopic<String, Alert> currentAlerts;
    final TestOutputTopic<String, SiteStatus> statuses;
    final TestOutputTopic<String, SiteInput> rejected;
    final TestOutputTopic<String, SiteInput> handovers;
    private final TestInputTopic<String, Site> sites;
    private final TestInputTopic<String, Item> items;
    private final TestInputTopic<String, Threshold> thresholds;
    private final TestInputTopic<String, SupplyEvent> supplies;
    private final TestInputTopic<String, SiteMovement> movements;
    private final TestInputTopic<String, PostHeartbeat> heartbeats;

    SitesDriver() {
        this(1);
    }

    /** A driver runs one task: with more ledger partitions, sites of the others are reached through hand-overs. */
    SitesDriver(int ledgerPartitions) {
        SitesSettings settings = new SitesSettings(props(), null, Topics.CROSSINGS_VALID, RULES, SiteModel.defaults(), REEVALUATE,
                "127.0.0.1", 0, ledgerPartitions);
        driver = new TopologyTestDriver(new SitesTopology(serdes, settings).build(props()), props(), T0);
        crossings = input(Topics.CROSSINGS_VALID);
        sites = input(Topics.SITES);
        items = input(Topics.ITEMS);
        thresholds = input(Topics.THRESHOLDS);
        supplies = input(Topics.SUPPLIES);
        movements = input(Topics.SITE_MOVEMENTS);
        heartbeats = input(Topics.HEARTBEATS);
        alerts = output(Topics.ALERT_EVENTS);
        currentAlerts = output(Topics.ALERTS_CURRENT);
        statuses = output(Topics.SITE_STATUS);
        rejected = output(Topics.SITES_REJECTED);
        handovers = output(Topics.SITE_HANDOVERS);
    }

    static Properties props() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "flowwatch-sites-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "driver:9092"); // never contacted by the test driver
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        props.put("processing.exception.handler.global.enabled", true);
        props.put(StreamsConfig.STATE_DIR_CONFIG, STATE_DIR.toString());
        return props;
    }

    /** Kornidzor (post, Syunik) sends arrivals to Goris (reception centre, Syunik, capacity 20,000); water 15 L a day. */
    SitesDriver withGorisScenario() {
        site("kornidzor", "Kornidzor", SiteKind.BORDER_POST, null, "goris");
        site("goris", "Goris", SiteKind.RECEPTION_CENTRE, 20_000, null);
        site("yerevan", "Yerevan", SiteKind.SHELTER, 100_000, null);
        item("water", "litre", NeedBasis.DAILY_CONSUMPTION, 15);
        return this;
    }

    /** The Goris scenario's usual start: a count of {@code litres} of water at Goris, then {@code people} through Kornidzor. */
    void waterAndPeopleAtGoris(double litres, int people, Instant at) {
        supply("goris", "water", SupplyKind.STOCK_COUNT, litres, "litre", at);
        arrivals("kornidzor", people, at);
    }

    void site(String id, String name, SiteKind kind, Integer capacity, String receptionSiteId) {
        site(Site.newBuilder().setSiteId(id).setName(name).setKind(kind).setAdm1Code("AM-SU")
                .setAdm1Name("Syunik").setCapacityPeople(capacity).setReceptionSiteId(receptionSiteId).build());
    }

    void site(Site site) {
        sites.pipeInput(site.getSiteId(), site, T0);
    }

    /** Takes a site out of the reference data (a tombstone on the compacted sites topic). */
    void removeSite(String siteId) {
        sites.pipeInput(siteId, null, T0);
    }

    void item(String id, String unit, NeedBasis basis, double perPersonPerDay) {
        items.pipeInput(id, Item.newBuilder().setItemId(id).setUnit(unit).setBasis(basis)
                .setPerPersonPerDay(perPersonPerDay).build(), T0);
    }

    void threshold(String siteId, String itemId, double warning, double critical) {
        thresholds.pipeInput(ReferenceData.siteItemKey(siteId, itemId), new Threshold(siteId, itemId, warning, critical), T0);
    }

    void supply(String siteId, String item, SupplyKind kind, double quantity, String unit, Instant at) {
        supplies.pipeInput(siteId, SupplyEvent.newBuilder().setEventId(UUID.randomUUID()).setSiteId(siteId).setItem(item)
                .setKind(kind).setQuantity(quantity).setUnit(unit).setOccurredAt(at).setRecordedAt(at).build(), at);
    }

    void supply(SupplyEvent.Builder supply, Instant at) {
        supplies.pipeInput(supply.getSiteId(), supply.setEventId(UUID.randomUUID()).setOccurredAt(at).setRecordedAt(at).build(), at);
    }

    void movement(SiteMovement movement) {
        movements.pipeInput(movement.getFromSiteId() != null ? movement.getFromSiteId() : movement.getToSiteId(), movement,
                movement.getOccurredAt());
    }

    void supply(SupplyEvent supply) {
        supplies.pipeInput(supply.getSiteId(), supply, supply.getOccurredAt());
    }

    void crossing(CrossingEvent crossing) {
        crossings.pipeInput(new TestRecord<>(crossing.getPostId(), crossing, crossing.getOccurredAt()));
    }

    void arrivals(String postId, int people, Instant at) {
        CrossingEvent crossing = org.flowwatch.schemas.testing.CrossingBuilder.aCrossing().atPost(postId).people(people).at(at).build();
        crossings.pipeInput(new TestRecord<>(postId, crossing, at));
    }

    void move(MovementKind kind, String from, String to, int people, Instant at) {
        movements.pipeInput(from != null ? from : to, SiteMovement.newBuilder().setEventId(UUID.randomUUID()).setKind(kind)
                .setFromSiteId(from).setToSiteId(to).setPeople(people).setOccurredAt(at).setRecordedAt(at).build(), at);
    }

    void heartbeat(String postId, Instant at) {
        heartbeat(PostHeartbeat.newBuilder().setPostId(postId).setSentAt(at).build());
    }

    /** Pipes a heartbeat keyed, as posts send it, by its postId. */
    void heartbeat(PostHeartbeat heartbeat) {
        heartbeats.pipeInput(heartbeat.getPostId(), heartbeat, heartbeat.getSentAt());
    }

    /** The alert changes of one kind published so far (reading them consumes every kind). */
    java.util.List<Alert> alertsOf(org.flowwatch.schemas.avro.AlertKind kind) {
        return alerts.readValuesToList().stream().filter(alert -> alert.getKind() == kind).toList();
    }

    void advanceWallClock(Duration by) {
        driver.advanceWallClockTime(by);
    }

    private <V> TestInputTopic<String, V> input(TopicSpec<String, V> topic) {
        return driver.createInputTopic(topic.name(), serdes.key(topic).serializer(), serdes.value(topic).serializer());
    }

    private <V> TestOutputTopic<String, V> output(TopicSpec<String, V> topic) {
        return driver.createOutputTopic(topic.name(), serdes.key(topic).deserializer(), serdes.value(topic).deserializer());
    }

    @Override
    public void close() {
        driver.close();
    }
}
