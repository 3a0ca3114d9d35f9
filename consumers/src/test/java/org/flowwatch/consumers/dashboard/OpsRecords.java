package org.flowwatch.consumers.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.flowwatch.embedded.EmbeddedStack;
import org.flowwatch.schemas.avro.Alert;
import org.flowwatch.schemas.avro.AlertKind;
import org.flowwatch.schemas.avro.AlertState;
import org.flowwatch.schemas.avro.ArrivalCount;
import org.flowwatch.schemas.avro.CountScope;
import org.flowwatch.schemas.avro.CountStatus;
import org.flowwatch.schemas.avro.Direction;
import org.flowwatch.schemas.avro.Granularity;
import org.flowwatch.schemas.avro.ItemStatus;
import org.flowwatch.schemas.avro.NeedBasis;
import org.flowwatch.schemas.avro.RollingCount;
import org.flowwatch.schemas.avro.Severity;
import org.flowwatch.schemas.avro.Site;
import org.flowwatch.schemas.avro.SiteStatus;
import org.flowwatch.schemas.http.ApiToken;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.schemas.serde.RegistrySettings;
import org.flowwatch.schemas.topics.ArrivalKeys;
import org.flowwatch.schemas.topics.RollingKeys;
import org.flowwatch.schemas.topics.TopicAdmin;
import org.flowwatch.schemas.topics.TopicSpec;
import org.flowwatch.schemas.topics.Topics;

/** Test data for the operations centre, written to the real output topics as the streams apps would. */
final class OpsRecords {

    private final EmbeddedStack stack;
    private final FlowwatchSerdes serdes;

    OpsRecords(EmbeddedStack stack) {
        this.stack = stack;
        this.serdes = FlowwatchSerdes.forRegistry(RegistrySettings.of(stack.registryUrl()));
        try (TopicAdmin admin = TopicAdmin.forBootstrap(stack.bootstrapServers())) {
            admin.createMissing(Topics.ALL, (short) 1);
        }
    }

    FlowwatchSerdes serdes() {
        return serdes;
    }

    OpsSettings settings() {
        return settings(ApiToken.none());
    }

    OpsSettings settings(ApiToken token) {
        return new OpsSettings(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
                RegistrySettings.of(stack.registryUrl()), "127.0.0.1", 0, Duration.ofSeconds(30), token,
                OpsSettings.DEFAULT_TIME_ZONE);
    }

    /** Operation-wide arrivals in the hour from {@code start}. */
    void operationHour(String operation, Instant start, long people) {
        ArrivalCount count = ArrivalCount.newBuilder().setScope(CountScope.ALL).setScopeId(operation)
                .setGranularity(Granularity.HOUR).setWindowStart(start).setWindowEnd(start.plus(Duration.ofHours(1)))
                .setDirection(Direction.ARRIVAL).setPeople(people).setGroups(people / 3).setStatus(CountStatus.FINAL)
                .setUpdatedAt(start.plus(Duration.ofHours(1))).build();
        send(Topics.ARRIVALS_HOURLY, ArrivalKeys.of(count), count);
    }

    void postRolling(String post, Instant end, long lastHour, long last24Hours) {
        for (var period : Map.of(Duration.ofHours(1), lastHour, Duration.ofHours(24), last24Hours).entrySet()) {
            RollingCount count = RollingCount.newBuilder().setScope(CountScope.POST).setScopeId(post)
                    .setDirection(Direction.ARRIVAL).setPeriod(period.getKey().toString())
                    .setWindowStart(end.minus(period.getKey())).setWindowEnd(end).setPeople(period.getValue())
                    .setGroups(period.getValue() / 3).setUpdatedAt(end).build();
            send(Topics.ARRIVALS_ROLLING, RollingKeys.of(count), count);
        }
    }

    void site(String site, String name, long population, int capacity, double waterDays) {
        ItemStatus water = ItemStatus.newBuilder().setItemId("water").setUnit("litre").setBasis(NeedBasis.DAILY_CONSUMPTION)
                .setStock(waterDays * population * 15).setNeedPerDay(population * 15.0).setDaysOfCover(waterDays)
                .setMinimumPerPerson(15).build();
        SiteStatus status = SiteStatus.newBuilder().setSiteId(site).setName(name).setAdm1Code("AM-SU")
                .setPopulation(population).setCapacityPeople(capacity).setItems(List.of(water))
                .setUpdatedAt(Instant.parse("2023-09-26T08:00:00Z")).build();
        send(Topics.SITE_STATUS, site, status);
    }

    /** A site status as the sites app publishes it (see {@link SiteStatuses}). */
    void siteStatus(SiteStatus status) {
        send(Topics.SITE_STATUS, status.getSiteId(), status);
    }

    /** A post's or site's reference data, as {@code flowwatch reference} publishes it. */
    void place(Site site) {
        send(Topics.SITES, site.getSiteId(), site);
    }

    /** An open water shortage at {@code site}, as the sites app keeps it in the current-alerts topic. */
    Alert waterShortage(String site, String summary) {
        Instant at = Instant.parse("2023-09-26T06:00:00Z");
        Alert alert = Alert.newBuilder().setAlertId("SHORTAGE/" + site + "/water/" + at).setVersion(1)
                .setKind(AlertKind.SHORTAGE).setSeverity(Severity.CRITICAL).setState(AlertState.OPEN).setStartsAt(at)
                .setUpdatedAt(at).setLabels(Map.of("site", site, "item", "water", "region", "AM-SU"))
                .setEvidence(Map.of("daysOfCover", 0.8, "population", 12_400.0, "stock", 150_000.0)).setSummary(summary).build();
        send(Topics.ALERTS_CURRENT, alert.getAlertId(), alert);
        return alert;
    }

    private <V> void send(TopicSpec<String, V> topic, String key, V value) {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, V> producer = new KafkaProducer<>(config, serdes.key(topic).serializer(),
                serdes.value(topic).serializer())) {
            producer.send(new ProducerRecord<>(topic.name(), key, value));
        }
    }
}
