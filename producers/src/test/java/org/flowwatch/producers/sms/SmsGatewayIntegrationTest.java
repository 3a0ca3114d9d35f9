package org.flowwatch.producers.sms;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.flowwatch.schemas.testing.StackTopics.serdesWithTopics;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.flowwatch.embedded.EmbeddedStack;
import org.flowwatch.embedded.EmbeddedStackExtension;
import org.flowwatch.producers.gateway.GatewayMetrics;
import org.flowwatch.producers.gateway.GatewaySettings;
import org.flowwatch.producers.gateway.IngestGateway;
import org.flowwatch.producers.gateway.PostTokens;
import org.flowwatch.producers.gateway.SubmissionIds;
import org.flowwatch.producers.post.GroupSizeLimit;
import org.flowwatch.producers.publish.CrossingPublisher;
import org.flowwatch.producers.publish.DeadLetterPublisher;
import org.flowwatch.producers.publish.MovementPublisher;
import org.flowwatch.producers.publish.TopicPublisher;
import org.flowwatch.producers.sms.InProcessSmsc.Sent;
import org.flowwatch.producers.testing.TopicReader;
import org.flowwatch.schemas.avro.Alert;
import org.flowwatch.schemas.avro.AlertAck;
import org.flowwatch.schemas.avro.AlertKind;
import org.flowwatch.schemas.avro.AlertState;
import org.flowwatch.schemas.avro.CrossingEvent;
import org.flowwatch.schemas.avro.Severity;
import org.flowwatch.schemas.config.CommonSettings;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.schemas.topics.Topics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * SMS in, end to end: an operator's SMSC in this process (jSMPP's server side) delivers texts to the gateway bound
 * as transceiver and receives its replies; an SMS gateway POSTs Twilio's form to the webhook. Crossings, acks and
 * dead letters are read back from the real broker, and no record carries a sender's number.
 */
@Tag("integration")
@Timeout(90)
@ExtendWith(EmbeddedStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SmsGatewayIntegrationTest {

    private static final Duration WAIT = ofSeconds(30);
    private final String post = "kor-it-" + UUID.randomUUID();
    private final String officer = phone();
    private final String opsLead = phone();
    private final String stranger = phone();
    private final String secret = "sms-secret-" + UUID.randomUUID();
    private final HttpClient http = HttpClient.newHttpClient();
    private EmbeddedStack stack;
    private FlowwatchSerdes serdes;
    private CrossingPublisher crossings;
    private MovementPublisher movements;
    private InProcessSmsc smsc;
    private SmsChannel sms;
    private IngestGateway gateway;

    @BeforeAll
    void start(EmbeddedStack stack) throws Exception {
        this.stack = stack;
        serdes = serdesWithTopics(stack);
        Map<String, Object> kafka = Map.of("bootstrap.servers", stack.bootstrapServers());
        crossings = new CrossingPublisher(kafka, serdes);
        movements = new MovementPublisher(kafka, serdes);
        smsc = new InProcessSmsc("smscpw1");
        SmsSettings settings = new SmsSettings(Optional.empty(), Optional.of(secret), Optional.of(new SmsSettings.Smpp(
                "127.0.0.1", smsc.port(), "flowwatch", "smscpw1", "", false, "1500", ofSeconds(2), ofSeconds(30))));
        SmsSenders senders = SmsSenders.of(List.of(post + " kor-duty-1 " + officer, "- ops-lead " + opsLead));
        GroupSizeLimit limit = GroupSizeLimit.from(CommonSettings.loader().load());
        sms = SmsChannel.start(settings, senders, kafka, serdes, crossings, limit, ofSeconds(20), Clock.systemUTC());
        gateway = IngestGateway.start(new GatewaySettings("127.0.0.1", 0, 4096, PostTokens.load(null, "other:" + UUID.randomUUID()),
                ofSeconds(20), limit), crossings, movements, Clock.systemUTC(), GatewayMetrics.unread(), sms.webhook());
        await().alias("gateway bound to the SMSC").atMost(WAIT).until(() -> smsc.bound() && sms.smpp().orElseThrow().bound());
    }

    @AfterAll
    void stop() throws Exception {
        gateway.close();
        sms.close();
        smsc.close();
        crossings.close();
        movements.close();
    }

    @Test
    void shouldRecordOneCrossingAndReplyWithReceiptWhenAnAllowedPhoneTextsOverTheSmsc() throws Exception {
        // given
        Instant before = Instant.now();
        // when
        smsc.deliver(officer, "FW KOR 12 F5 C4 V2 #17");
        // then
        assertThat(smsc.nextSent(WAIT)).isEqualTo(new Sent(officer, "FW OK " + post + " 12 people #17"));
        UUID eventId = SubmissionIds.smsEventIdFor(post, "kor-duty-1", 17);
        assertThat(crossingsOf(eventId)).singleElement().satisfies(crossing -> {
            assertThat(crossing.getPostId()).isEqualTo(post);
            assertThat(crossing.getPeople()).isEqualTo(12);
            assertThat(crossing.getVehicles()).isEqualTo(2);
            assertThat(crossing.getOccurredAt()).isBetween(before.truncatedTo(java.time.temporal.ChronoUnit.MILLIS), Instant.now());
        });
    }

    @Test
    void shouldGiveTheSameEventIdWhenTheOfficerSendsTheSameTextAgain() throws Exception {
        // when: no receipt reached the phone, so the officer sends the same report again
        smsc.deliver(officer, "fw kor 3 #18");
        Sent first = smsc.nextSent(WAIT);
        smsc.deliver(officer, "FW KOR 3 # 18");
        Sent again = smsc.nextSent(WAIT);
        // then: two records, one eventId, which the streams dedupe counts once
        assertThat(first.text()).isEqualTo("FW OK " + post + " 3 people #18");
        assertThat(again).isEqualTo(first);
        assertThat(crossingsOf(SubmissionIds.smsEventIdFor(post, "kor-duty-1", 18))).hasSize(2);
    }

    @Test
    void shouldReplyWithTheErrorAndDeadLetterTheTextWhenItCannotBeTaken() throws Exception {
        // given
        List<String> texts = List.of("FW KOR 2 #901", "FW KOR twelve #902", "FW KOR 250 #903");
        List<String> from = List.of(stranger, officer, officer);
        List<String> replies = new ArrayList<>();
        // when
        for (int i = 0; i < texts.size(); i++) {
            smsc.deliver(from.get(i), texts.get(i));
            replies.add(smsc.nextSent(WAIT).text());
        }
        // then
        assertThat(replies).containsExactly(
                "FW ERROR: this phone may not send reports; ask the operations centre to add it",
                "FW ERROR: 'TWELVE' is not a whole number of people. Form: FW KOR 12 F5 C4 V2 #17",
                "FW ERROR: people: must be 1-200 (setting crossings.max.people), got 250");
        assertThat(deadLetters(texts)).extracting(record -> header(record, DeadLetterPublisher.REASON) + " "
                        + header(record, DeadLetterPublisher.FIELD) + " " + header(record, DeadLetterPublisher.SOURCE_SENDER))
                .containsExactlyInAnyOrder("SMS_UNKNOWN_SENDER sender unknown sender", "SMS_BAD_FORMAT text kor-duty-1",
                        "SMS_FIELD people kor-duty-1");
        for (long sequence : List.of(901L, 902L, 903L)) {
            assertThat(crossingsOf(SubmissionIds.smsEventIdFor(post, "kor-duty-1", sequence))).as("#" + sequence).isEmpty();
        }
        assertNoNumberOnAnyTopic();
    }

    @Test
    void shouldWriteAnAlertAckWhenARecipientTextsAckWithTheShortId() throws Exception {
        // given: an open alert, as the sites app publishes it
        Alert alert = anAlert("RUN_OUT/goris/water/" + UUID.randomUUID(), 3);
        try (TopicPublisher<Alert> alerts = new TopicPublisher<>(Topics.ALERTS_CURRENT, Map.of("bootstrap.servers",
                stack.bootstrapServers()), serdes)) {
            alerts.publish(alert.getAlertId(), alert.getUpdatedAt(), alert).get();
        }
        String shortId = AlertBoard.shortId(alert.getAlertId());
        // when: the ops lead answers the alert SMS (again, until the gateway's alert board has read the alert)
        String reply = await().alias("ack taken").atMost(WAIT).pollInterval(Duration.ofMillis(500))
                .until(() -> ackAndReply(shortId.toLowerCase()), answer -> !answer.startsWith("FW ERROR: no alert"));
        // then
        assertThat(reply).isEqualTo("FW OK alert " + shortId + " acknowledged");
        assertThat(TopicReader.readAll(stack.bootstrapServers(), serdes, Topics.ALERT_ACKS,
                ack -> ack.getAlertId().equals(alert.getAlertId()))).singleElement()
                .extracting(AlertAck::getAlertVersion).isEqualTo(3);
        assertNoNumberOnAnyTopic();
    }

    @Test
    void shouldRefuseAckOfAnUnknownAlertAndReportsForAnotherPost() throws Exception {
        smsc.deliver(opsLead, "ACK ZZZZZZ");
        assertThat(smsc.nextSent(WAIT).text()).isEqualTo("FW ERROR: no alert ZZZZZZ; send the id shown in the alert SMS");
        smsc.deliver(opsLead, "FW KOR 2 #1");
        assertThat(smsc.nextSent(WAIT).text()).isEqualTo("FW ERROR: this phone does not report for post KOR");
    }

    @Test
    void shouldBindAgainAndTakeTextsWhenTheSmscDropsTheBind() throws Exception {
        // given
        smsc.dropBind();
        await().alias("bind lost").atMost(WAIT).until(() -> !sms.smpp().orElseThrow().bound());
        // when
        await().alias("bound again").atMost(WAIT).until(() -> smsc.bound() && sms.smpp().orElseThrow().bound());
        smsc.deliver(officer, "FW KOR 1 #40");
        // then
        assertThat(smsc.nextSent(WAIT)).isEqualTo(new Sent(officer, "FW OK " + post + " 1 person #40"));
    }

    @Test
    void shouldRecordTheCrossingAndAnswerTwimlWhenTwilioPostsAText() throws Exception {
        // given
        String form = "From=" + URLEncoder.encode(officer, StandardCharsets.UTF_8) + "&Body="
                + URLEncoder.encode("FW KOR 7 V1 #31", StandardCharsets.UTF_8) + "&To=%2B15005550006";
        // when
        HttpResponse<String> answer = postForm("/v1/sms/twilio", form, "sms:" + secret);
        HttpResponse<String> forged = postForm("/v1/sms/twilio", form, "sms:not-the-secret");
        // then
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/xml"));
        assertThat(answer.body()).isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Message>FW OK " + post
                + " 7 people #31</Message></Response>");
        assertThat(crossingsOf(SubmissionIds.smsEventIdFor(post, "kor-duty-1", 31))).singleElement()
                .extracting(CrossingEvent::getPeople).isEqualTo(7);
        assertThat(forged.statusCode()).isEqualTo(401);
    }

    @Test
    void shouldAnswerThePlainReplyWhenAnExternalChannelPostsAText() throws Exception {
        String form = "from=" + URLEncoder.encode(officer, StandardCharsets.UTF_8) + "&text=FW+KOR+4+%2332";
        HttpResponse<String> answer = postForm("/v1/sms/inbound", form, "sms:" + secret);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("FW OK " + post + " 4 people #32");
    }

    private String ackAndReply(String alert) throws Exception {
        smsc.deliver(opsLead, "ACK " + alert);
        return smsc.nextSent(WAIT).text();
    }

    private void assertNoNumberOnAnyTopic() {
        List<String> numbers = List.of(officer, opsLead, stranger);
        for (String topic : List.of(Topics.CROSSINGS.name(), Topics.DEAD_LETTERS.name(), Topics.ALERT_ACKS.name())) {
            for (ConsumerRecord<byte[], byte[]> record : TopicReader.readRaw(stack.bootstrapServers(), topic)) {
                List<byte[]> parts = new ArrayList<>(List.of(bytes(record.key()), bytes(record.value())));
                for (Header header : record.headers()) {
                    parts.add(header.key().getBytes(StandardCharsets.UTF_8));
                    parts.add(bytes(header.value()));
                }
                for (byte[] part : parts) {
                    String text = new String(part, StandardCharsets.ISO_8859_1);
                    numbers.forEach(number -> assertThat(text).as("a record on " + topic).doesNotContain(number.substring(1)));
                }
            }
        }
    }

    private List<CrossingEvent> crossingsOf(UUID eventId) {
        return TopicReader.readAll(stack.bootstrapServers(), serdes, Topics.CROSSINGS,
                crossing -> crossing.getEventId().toString().equals(eventId.toString()));
    }

    private List<ConsumerRecord<byte[], byte[]>> deadLetters(List<String> texts) {
        return TopicReader.readRaw(stack.bootstrapServers(), Topics.DEAD_LETTERS.name()).stream()
                .filter(record -> texts.contains(new String(record.value(), StandardCharsets.UTF_8))).toList();
    }

    private HttpResponse<String> postForm(String path, String form, String userAndPassword) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Alert anAlert(String id, int version) {
        Instant at = Instant.parse("2023-09-26T04:00:00Z");
        return Alert.newBuilder().setAlertId(id).setVersion(version).setKind(AlertKind.RUN_OUT).setSeverity(Severity.CRITICAL)
                .setState(AlertState.ESCALATED).setStartsAt(at).setUpdatedAt(at).setLabels(Map.of("site", "goris"))
                .setEvidence(Map.of()).setSummary("Goris: water runs out in ~22 h").build();
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String key) {
        Header header = record.headers().lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(byte[] maybe) {
        return maybe == null ? new byte[0] : maybe;
    }

    /** An Armenian mobile number no other test uses: +374 77 and six random digits. */
    private static String phone() {
        return "+37477" + (100_000 + ThreadLocalRandom.current().nextInt(900_000));
    }
}
