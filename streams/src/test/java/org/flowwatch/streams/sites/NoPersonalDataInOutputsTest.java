package org.flowwatch.streams.sites;

import static java.util.stream.Collectors.joining;
import static org.assertj.core.api.Assertions.assertThat;
import static org.flowwatch.schemas.testing.CrossingBuilder.T0;
import static org.flowwatch.schemas.testing.CrossingBuilder.aCrossing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.flowwatch.schemas.avro.Alert;
import org.flowwatch.schemas.avro.AlertKind;
import org.flowwatch.schemas.avro.CrossingEvent;
import org.flowwatch.schemas.avro.MovementKind;
import org.flowwatch.schemas.avro.NeedBasis;
import org.flowwatch.schemas.avro.PostHeartbeat;
import org.flowwatch.schemas.avro.SiteKind;
import org.flowwatch.schemas.avro.SupplyEvent;
import org.flowwatch.schemas.avro.SupplyKind;
import org.flowwatch.schemas.avro.Vulnerabilities;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.schemas.testing.CrossingBuilder;
import org.flowwatch.schemas.topics.TopicSpec;
import org.flowwatch.schemas.topics.Topics;
import org.flowwatch.streams.arrivals.topology.ArrivalsDriver;
import org.flowwatch.streams.arrivals.topology.ArrivalsSettings;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Issue 17, item 6: whatever a sender types into a free-text field, no output of the arrivals or the sites app carries
 * it. Every string a sender fills (crossing origin and destination, post ids of crossings and heartbeats, heartbeat
 * client version, supply site, item, unit, source and convoy id, movement site ids) holds the same personal text, and
 * the inputs raise every alert kind so their sentences are read; then every record of every output topic (key,
 * headers, value as Avro JSON) is searched for that text and for anything that looks like a phone, e-mail or ID number.
 * No field is excused: the arrivals app blanks an unlisted origin or destination, the sites app refuses a convoy id
 * that is not a reference.
 */
class NoPersonalDataInOutputsTest {

    private static final String PERSONAL = "Anahit Petrosyan, +374 91 234567, AM1234567, anahit@example.am";
    private static final Map<String, Pattern> LOOKS_PERSONAL = Map.of(
            "the canary", Pattern.compile(Stream.of("Anahit", "Petrosyan", "+374", "AM1234567", "example.am")
                    .map(Pattern::quote).collect(joining("|")), Pattern.CASE_INSENSITIVE),
            "a phone number", Pattern.compile("\\+\\d[\\d ()-]{6,}\\d"),
            "an e-mail address", Pattern.compile("[\\w.+-]+@[\\w-]+\\.[\\w.-]+"),
            "an ID number", Pattern.compile("\\b[A-Z]{2}\\d{7}\\b"));

    // Dead letters keep the refused input as sent, by design: it is repaired and replayed from there (README, topic
    // table; docs/reliability.md promise 8: "a dead letter would keep the text"), and no reading role is granted them
    // (cli AccessRoles). They are not outputs anyone is shown, so they are not scanned (only used to prove the canary
    // went in). Changelog and repartition topics are each app's own state, readable only by the app's principal.
    private static final Set<String> AS_SENT = Set.of(Topics.DEAD_LETTERS.name(), Topics.SITES_REJECTED.name());

    private static final Instant AFTER_CROSSINGS = T0.plus(Duration.ofMinutes(80));

    // Late after 10 minutes, so a late crossing needs no six-hour jump in event time.
    @AutoClose
    private final ArrivalsDriver arrivals = new ArrivalsDriver(withHourlyGrace(Duration.ofMinutes(10)));
    @AutoClose
    private final SitesDriver sites = new SitesDriver();

    @Test
    void shouldPublishNoPersonalDataTypedIntoAnyFreeTextFieldWhileRaisingEveryAlertKind() {
        // given the sites app's reference data (the arrivals driver lists BP-07, BP-09, GORIS and stepanakert)
        listSitesAndItems();

        // when crossings and heartbeats carrying personal text go through the arrivals app, then its valid crossings
        // through the sites app with supplies, movements and heartbeats carrying the same, and the wall clock runs on
        sendCrossingsAndHeartbeats();
        List<Output> fromArrivals = everyOutput(arrivals.driver, arrivals.serdes);
        fromArrivals.stream().filter(out -> out.topic().equals(Topics.CROSSINGS_VALID.name()))
                .forEach(out -> sites.crossing((CrossingEvent) out.value()));
        sendSuppliesMovementsAndHeartbeats();
        sites.advanceWallClock(Duration.ofMinutes(1)); // notices Margara, a post never heard
        sites.advanceWallClock(Duration.ofHours(6)); // food never counted, both posts silent
        List<Output> outputs = Stream.concat(fromArrivals.stream(), everyOutput(sites.driver, sites.serdes).stream()).toList();

        // then every alert kind was raised, its sentence naming only places of the reference data
        List<Alert> alerts = outputs.stream().filter(out -> out.topic().equals(Topics.ALERT_EVENTS.name()))
                .map(out -> (Alert) out.value()).toList();
        assertThat(alerts).extracting(Alert::getKind).contains(AlertKind.SURGE, AlertKind.CAPACITY, AlertKind.SHORTAGE,
                AlertKind.RUN_OUT, AlertKind.UNREPORTED, AlertKind.POST_SILENT);
        assertThat(alerts).extracting(Alert::getSummary).allMatch(summary -> summary.matches("(Kornidzor|Margara|Goris|AM-SU): .+"));
        // and no output holds personal data: counts, valid and late crossings, statuses, alert events and current alerts
        List<Output> shown = outputs.stream().filter(out -> !AS_SENT.contains(out.topic())).toList();
        assertThat(shown).extracting(Output::topic).contains(Topics.ARRIVALS_HOURLY.name(), Topics.ARRIVALS_DAILY.name(),
                Topics.ARRIVALS_ROLLING.name(), Topics.ARRIVALS_LATE.name(), Topics.CROSSINGS_VALID.name(),
                Topics.SITE_STATUS.name(), Topics.ALERT_EVENTS.name(), Topics.ALERTS_CURRENT.name());
        assertThat(personalDataIn(shown)).as("personal data in %d output records", shown.size()).isEmpty();
        // and the canary did go in: the dead letters, which keep the input as sent, are full of it
        assertThat(personalDataIn(outputs.stream().filter(out -> AS_SENT.contains(out.topic())).toList())).isNotEmpty();
    }

    /** 1,400 people in half an hour at BP-07 (a SURGE at the post and in AM-SU), a late group, dead letters. */
    private void sendCrossingsAndHeartbeats() {
        for (int i = 0; i < 7; i++) {
            CrossingBuilder group = aCrossing().atPost("BP-07").people(200).at(T0.plus(Duration.ofMinutes(5L * i)));
            arrivals.pipe(typedOrigin(i == 0 ? group.vulnerabilities(new Vulnerabilities(3, 1, 2, 1)) : group));
        }
        arrivals.pipe(typedOrigin(aCrossing().atPost("BP-07").people(3).at(T0.plus(Duration.ofMinutes(35))).destination(PERSONAL)));
        // stream time past the 06:00 hour and its grace, then a group of 06:10: late, kept whole in arrivals.late
        arrivals.pipe(aCrossing().atPost("BP-07").people(12).at(T0.plus(Duration.ofMinutes(75))).build());
        arrivals.pipe(typedOrigin(aCrossing().atPost("BP-07").people(2).at(T0.plus(Duration.ofMinutes(10))).destination(PERSONAL)));
        arrivals.pipe(typedOrigin(aCrossing().atPost(PERSONAL).at(T0.plus(Duration.ofMinutes(76)))));
        heartbeats().forEach(heartbeat -> arrivals.heartbeats.pipeInput(heartbeat.getPostId(), heartbeat, heartbeat.getSentAt()));
    }

    /** The sites app's reference data: Kornidzor (BP-07) sends arrivals to Goris (1,500 places), Margara (BP-09). */
    private void listSitesAndItems() {
        sites.site("BP-07", "Kornidzor", SiteKind.BORDER_POST, null, "GORIS");
        sites.site("BP-09", "Margara", SiteKind.BORDER_POST, null, null);
        sites.site("GORIS", "Goris", SiteKind.RECEPTION_CENTRE, 1_500, null);
        sites.item("water", "litre", NeedBasis.DAILY_CONSUMPTION, 15);
        sites.item("food", "kcal", NeedBasis.DAILY_CONSUMPTION, 2_100);
    }

    /**
     * 2,000 L of water for ~1,400 people at Goris (SHORTAGE, RUN_OUT; ~1,400 of 1,500 places is CAPACITY), food never
     * counted (UNREPORTED), refused supplies and movements, heartbeats.
     */
    private void sendSuppliesMovementsAndHeartbeats() {
        Instant at = AFTER_CROSSINGS;
        sites.supply(supply("GORIS", "water", SupplyKind.STOCK_COUNT, 2_000, "litre").setSource(PERSONAL), at);
        sites.supply(supply("GORIS", "water", SupplyKind.DELIVERY, 100, "litre").setSource(PERSONAL), at.plusSeconds(60));
        sites.supply(supply("GORIS", "water", SupplyKind.CONVOY_ANNOUNCED, 5_000, "litre").setSource(PERSONAL)
                .setConvoyId(PERSONAL).setExpectedAt(T0.plus(Duration.ofHours(5))), at.plusSeconds(120));
        sites.supply(supply("GORIS", PERSONAL, SupplyKind.DELIVERY, 1, "litre"), at.plusSeconds(180));
        sites.supply(supply("GORIS", "water", SupplyKind.DELIVERY, 1, PERSONAL), at.plusSeconds(240));
        sites.supply(supply(PERSONAL, "water", SupplyKind.DELIVERY, 1, "litre"), at.plusSeconds(300));
        sites.move(MovementKind.DEPARTURE, "GORIS", null, 10, at.plusSeconds(360));
        sites.move(MovementKind.TRANSFER, "GORIS", PERSONAL, 5, at.plusSeconds(420));
        sites.move(MovementKind.ARRIVAL, null, PERSONAL, 5, at.plusSeconds(480));
        heartbeats().forEach(sites::heartbeat);
    }

    private static List<PostHeartbeat> heartbeats() {
        return Stream.of("BP-07", PERSONAL).map(post -> PostHeartbeat.newBuilder().setPostId(post).setClientVersion(PERSONAL)
                .setSentAt(AFTER_CROSSINGS.plusSeconds(600)).build()).toList();
    }

    private static CrossingEvent typedOrigin(CrossingBuilder group) {
        CrossingEvent crossing = group.build();
        crossing.setOrigin(PERSONAL);
        return crossing;
    }

    private static SupplyEvent.Builder supply(String siteId, String item, SupplyKind kind, double quantity, String unit) {
        return SupplyEvent.newBuilder().setSiteId(siteId).setItem(item).setKind(kind).setQuantity(quantity).setUnit(unit);
    }

    private static ArrivalsSettings withHourlyGrace(Duration grace) {
        ArrivalsSettings defaults = ArrivalsSettings.defaults();
        return new ArrivalsSettings(defaults.validation(), defaults.dedupeHorizon(), grace, defaults.dailyGrace(),
                defaults.zone(), defaults.retention());
    }

    /** One record as a reader sees it: key, headers and value as text, and the decoded value. */
    private record Output(String topic, int offset, Object value, String text) {
    }

    /** Every record the driver's topology wrote to a topic of the catalogue, read once (it is consumed). */
    private static List<Output> everyOutput(TopologyTestDriver driver, FlowwatchSerdes serdes) {
        List<Output> outputs = new ArrayList<>();
        for (String topic : new TreeSet<>(driver.producedTopicNames())) {
            if (topic.endsWith("-changelog") || topic.endsWith("-repartition")) {
                continue;
            }
            TopicSpec<?, ?> spec = Topics.ALL.stream().filter(known -> known.name().equals(topic)).findFirst()
                    .orElseThrow(() -> new AssertionError("output topic " + topic + " is not in Topics.ALL: scan it too"));
            List<TestRecord<byte[], byte[]>> records = driver.createOutputTopic(topic, new ByteArrayDeserializer(),
                    new ByteArrayDeserializer()).readRecordsToList();
            for (int offset = 0; offset < records.size(); offset++) {
                outputs.add(read(spec, offset, records.get(offset), serdes));
            }
        }
        return outputs;
    }

    private static Output read(TopicSpec<?, ?> spec, int offset, TestRecord<byte[], byte[]> record, FlowwatchSerdes serdes) {
        Object value = record.value() == null ? null
                : serdes.value(spec).deserializer().deserialize(spec.name(), record.headers(), record.value());
        String headers = StreamSupport.stream(record.headers().spliterator(), false)
                .map(header -> header.key() + "=" + utf8(header.value())).collect(joining(", "));
        String text = "key " + utf8(record.key()) + ", headers [" + headers + "], value "
                + (value instanceof byte[] bytes ? utf8(bytes) : String.valueOf(value));
        return new Output(spec.name(), offset, value, text);
    }

    /** One line per record that holds personal data: topic, offset, what was found, and the record as text. */
    private static List<String> personalDataIn(List<Output> outputs) {
        List<String> found = new ArrayList<>();
        for (Output out : outputs) {
            String what = LOOKS_PERSONAL.entrySet().stream().map(looks -> Map.entry(looks.getKey(), looks.getValue().matcher(out.text())))
                    .filter(match -> match.getValue().find())
                    .map(match -> match.getKey() + " '" + match.getValue().group() + "'").sorted().collect(joining(", "));
            if (!what.isEmpty()) {
                found.add(out.topic() + " record " + out.offset() + ": " + what + " in " + out.text());
            }
        }
        return found;
    }

    private static String utf8(byte[] bytes) {
        return bytes == null ? "null" : new String(bytes, StandardCharsets.UTF_8);
    }
}
