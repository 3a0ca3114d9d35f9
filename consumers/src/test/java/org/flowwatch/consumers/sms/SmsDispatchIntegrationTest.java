package org.flowwatch.consumers.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.flowwatch.consumers.sms.SmsAlerts.anAlert;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.random.RandomGenerator;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.flowwatch.consumers.sms.GatewayStub.Answer;
import org.flowwatch.consumers.sms.TestSmsc.Inbox;
import org.flowwatch.consumers.webhook.AlertDispatcher;
import org.flowwatch.consumers.webhook.Backoff;
import org.flowwatch.consumers.webhook.DispatchStack;
import org.flowwatch.consumers.webhook.DispatchMetrics;
import org.flowwatch.consumers.webhook.DispatchSettings;
import org.flowwatch.consumers.webhook.RetryPolicy;
import org.flowwatch.consumers.webhook.UrlPolicy;
import org.flowwatch.embedded.LocalPorts;
import org.flowwatch.embedded.EmbeddedStack;
import org.flowwatch.embedded.EmbeddedStackExtension;
import org.flowwatch.schemas.avro.Alert;
import org.flowwatch.schemas.avro.AlertKind;
import org.flowwatch.schemas.avro.Severity;
import org.flowwatch.schemas.avro.SmsReceipt;
import org.flowwatch.schemas.avro.SmsStatus;
import org.flowwatch.schemas.avro.WebhookDelivery;
import org.flowwatch.schemas.config.ValueReferences;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.schemas.serde.RegistrySettings;
import org.flowwatch.schemas.topics.TopicSpec;
import org.flowwatch.schemas.topics.Topics;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * SMS alerts through the dispatcher on a real broker and registry: to an in-process SMSC over SMPP (jSMPP's server
 * side) and to HTTP gateway stubs on 127.0.0.1. Each test has its own endpoint name, site label and consumer groups.
 */
@Tag("integration")
@Timeout(120)
@ExtendWith(EmbeddedStackExtension.class)
class SmsDispatchIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String NUMBER = "+37477111222";

    private EmbeddedStack stack;
    private FlowwatchSerdes serdes;
    private final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final String site = "site-" + UUID.randomUUID();
    private final String endpoint = "sms-" + UUID.randomUUID().toString().substring(0, 8);
    private final String recipient = endpoint + "/duty-officer";
    private final String groupPrefix = "it-sms-" + UUID.randomUUID();
    private String number = NUMBER;

    @BeforeEach
    void useStack(EmbeddedStack stack) {
        this.stack = stack;
        this.serdes = DispatchStack.prepared(stack);
    }

    @Test
    void shouldDeliverEachAlertAsSmsOnceAndRecordItsReceiptsWhenSmscAnswers() throws Exception {
        // given an SMSC and an Armenian text long enough for two UCS-2 parts
        Inbox inbox = new Inbox();
        int port = LocalPorts.free("the test SMSC");
        String armenian = "Գորիս. ջուրը բավական է 0,9 օր 2003 մարդու համար, անհրաժեշտ է 30045 լ օրական";
        try (TestSmsc smsc = new TestSmsc(port, inbox); Running running = dispatcher(smpp(), port, policy(Duration.ofHours(1)))) {
            // when
            publish(anAlert("one-" + site, site, AlertKind.SHORTAGE, Severity.CRITICAL));
            publish(anAlert("two-" + site, site, AlertKind.CAPACITY, Severity.WARNING, armenian));
            publish(anAlert("elsewhere-" + site, "other-" + site, AlertKind.SHORTAGE, Severity.CRITICAL));

            // then: the two alerts for the recipient's site arrive once each, whole, in their alphabets
            await().alias("two SMS at the SMSC").atMost(WAIT).until(() -> inbox.messages().size() >= 2);
            List<SmsReceipt> receipts = read(Topics.SMS_RECEIPTS, 4, Duration.ofSeconds(1)).stream().map(ConsumerRecord::value).toList();
            assertThat(inbox.messages()).hasSize(2).allSatisfy(message -> assertThat(message.destination()).isEqualTo(NUMBER.substring(1)))
                    .extracting(Inbox.Message::text).containsExactlyInAnyOrder("Goris: water covers 0.8 days for 12,400 people", armenian);
            assertThat(inbox.messages()).filteredOn(message -> message.text().equals(armenian))
                    .extracting(Inbox.Message::dataCoding).containsExactly((byte) 0x08);
            // and each is recorded accepted, then delivered once every part's receipt said so, under the recipient's reference
            assertThat(receipts).extracting(receipt -> receipt.getAlertId() + " " + receipt.getStatus()).containsExactlyInAnyOrder(
                    "one-" + site + " ACCEPTED", "one-" + site + " DELIVERED", "two-" + site + " ACCEPTED", "two-" + site + " DELIVERED");
            assertThat(receipts).filteredOn(receipt -> receipt.getAlertId().startsWith("two-")).extracting(SmsReceipt::getParts).containsOnly(2);
            assertThat(receipts.toString()).doesNotContain(NUMBER.substring(4));
        }
    }

    @Test
    void shouldLoseNoAlertWhenSmscIsDownForASpell() throws Exception {
        // given a dispatcher bound to an SMSC that then goes away
        Inbox inbox = new Inbox();
        int port = LocalPorts.free("the test SMSC");
        TestSmsc first = new TestSmsc(port, inbox);
        try (Running running = dispatcher(smpp(), port, policy(Duration.ofHours(1)))) {
            publish(anAlert("before-" + site, site, AlertKind.SHORTAGE, Severity.CRITICAL));
            await().alias("first SMS").atMost(WAIT).until(() -> inbox.messages().size() == 1);
            first.close();

            // when alerts are raised while it is down, and it comes back on the same port once they were parked
            List<String> ids = new ArrayList<>();
            for (int n = 1; n <= 5; n++) {
                ids.add("down" + n + "-" + site);
                publish(anAlert(ids.get(n - 1), site, AlertKind.SHORTAGE, Severity.CRITICAL, "Alert " + n + " for " + site));
            }
            await().alias("a delivery parked").atMost(WAIT)
                    .until(() -> metrics.scrape().contains("endpoint=\"" + endpoint + "\",outcome=\"parked\""));
            try (TestSmsc back = new TestSmsc(port, inbox)) {
                // then every alert arrives, none twice
                await().alias("all six delivered").atMost(WAIT).until(() -> inbox.messages().size() >= 6);
                await().alias("nothing more").during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> inbox.messages().size() == 6);
                assertThat(inbox.messages()).extracting(Inbox.Message::text).filteredOn(text -> text.startsWith("Alert "))
                        .containsExactlyInAnyOrder("Alert 1 for " + site, "Alert 2 for " + site, "Alert 3 for " + site,
                                "Alert 4 for " + site, "Alert 5 for " + site);
            }
        }
    }

    @Test
    void shouldDeadLetterUnderTheRecipientsReferenceWhenSmscStaysDownPastGiveUp() throws Exception {
        // given no SMSC at all
        int port = LocalPorts.free("the test SMSC");
        try (Running running = dispatcher(smpp(), port, policy(Duration.ofMillis(800)))) {
            // when
            publish(anAlert("lost-" + site, site, AlertKind.SHORTAGE, Severity.CRITICAL));

            // then
            List<ConsumerRecord<String, WebhookDelivery>> dead = read(Topics.WEBHOOK_DLQ, 1, Duration.ZERO);
            assertThat(dead.get(0).key()).isEqualTo(recipient);
            assertThat(dead.get(0).value().getEndpoint()).isEqualTo(recipient);
            assertThat(new String(dead.get(0).headers().lastHeader("flowwatch.error.reason").value(), StandardCharsets.UTF_8)).isEqualTo("gave-up");
            assertThat(new String(dead.get(0).headers().lastHeader("flowwatch.error.message").value(), StandardCharsets.UTF_8))
                    .contains("did not answer").doesNotContain(NUMBER.substring(4));
            assertThat(metrics.scrape()).contains("flowwatch_webhook_dead_letters_total{endpoint=\"" + endpoint + "\",reason=\"gave-up\"} 1.0");
        }
    }

    @Test
    void shouldDeadLetterAtOnceAndRecordFailedWhenSmscRefusesTheNumber() throws Exception {
        // given a recipient whose number the SMSC refuses (invalid destination address)
        number = TestSmsc.UNKNOWN_NUMBER;
        int port = LocalPorts.free("the test SMSC");
        try (TestSmsc smsc = new TestSmsc(port, new Inbox()); Running running = dispatcher(smpp(), port, policy(Duration.ofHours(1)))) {
            // when
            publish(anAlert("refused-" + site, site, AlertKind.SHORTAGE, Severity.CRITICAL));

            // then: no retry; a dead letter and a FAILED receipt, saying why in the SMSC's terms
            List<ConsumerRecord<String, WebhookDelivery>> dead = read(Topics.WEBHOOK_DLQ, 1, Duration.ZERO);
            assertThat(new String(dead.get(0).headers().lastHeader("flowwatch.error.reason").value(), StandardCharsets.UTF_8)).isEqualTo("rejected");
            assertThat(dead.get(0).value().getAttempts()).isOne();
            assertThat(dead.get(0).value().getLastStatus()).isEqualTo(TestSmsc.ESME_RINVDSTADR);
            assertThat(receipts(1).get(0)).satisfies(receipt -> {
                assertThat(receipt.getStatus()).isEqualTo(SmsStatus.FAILED);
                assertThat(receipt.getDetail()).isEqualTo("SMSC answered command status 0x0B");
            });
        }
    }

    @Test
    void shouldSendThroughTwilioCompatibleGatewayAndRetryWhenItAnswers503() throws Exception {
        try (GatewayStub gateway = new GatewayStub(attempt -> attempt == 1 ? new Answer(503, "{}")
                : new Answer(201, "{\"sid\": \"SM" + attempt + "\", \"status\": \"queued\"}"));
             Running running = dispatcher("""
                     via: twilio
                     url: %s
                     account: AC0123
                     token: "${env:TWILIO_TOKEN}"
                     from: "+37410000000"
                     """.formatted(gateway.url()), 0, policy(Duration.ofHours(1)))) {
            // when
            publish(anAlert("tw-" + site, site, AlertKind.SHORTAGE, Severity.CRITICAL));

            // then
            List<SmsReceipt> receipts = receipts(1);
            assertThat(gateway.requests()).hasSize(2).allSatisfy(request -> {
                assertThat(request.path()).isEqualTo("/2010-04-01/Accounts/AC0123/Messages.json");
                assertThat(request.authorization()).isEqualTo("Basic " + java.util.Base64.getEncoder()
                        .encodeToString("AC0123:tw-secret".getBytes(StandardCharsets.UTF_8)));
                assertThat(URLDecoder.decode(request.body(), StandardCharsets.UTF_8))
                        .isEqualTo("To=" + NUMBER + "&From=+37410000000&Body=Goris: water covers 0.8 days for 12,400 people");
            });
            assertThat(receipts.get(0).getStatus()).isEqualTo(SmsStatus.ACCEPTED);
            assertThat(receipts.get(0).getMessageId()).isEqualTo("SM2");
            assertThat(receipts.get(0).getDetail()).isEqualTo("queued");
        }
    }

    @Test
    void shouldSendThroughRapidProWorkspaceWhenViaRapidPro() throws Exception {
        try (GatewayStub gateway = new GatewayStub(attempt -> new Answer(201, "{\"id\": 4711, \"status\": \"queued\"}"));
             Running running = dispatcher("""
                     via: rapidpro
                     url: %s
                     token: rp-token
                     """.formatted(gateway.url()), 0, policy(Duration.ofHours(1)))) {
            // when
            publish(anAlert("rp-" + site, site, AlertKind.SHORTAGE, Severity.CRITICAL));

            // then
            List<SmsReceipt> receipts = receipts(1);
            assertThat(gateway.requests()).singleElement().satisfies(request -> {
                assertThat(request.path()).isEqualTo("/api/v2/broadcasts.json");
                assertThat(request.authorization()).isEqualTo("Token rp-token");
                assertThat(request.body()).isEqualTo("{\"text\":\"Goris: water covers 0.8 days for 12,400 people\",\"urns\":[\"tel:" + NUMBER + "\"]}");
            });
            assertThat(receipts.get(0).getMessageId()).isEqualTo("4711");
            assertThat(receipts.get(0).getRecipient()).isEqualTo(recipient);
        }
    }

    private static String smpp() {
        return "via: smpp\n";
    }

    /** The dispatcher with one SMS endpoint ({@code via} lines given) and one recipient filtering on this test's site. */
    private Running dispatcher(String via, int smscPort, RetryPolicy retry) {
        UrlPolicy loopbackAllowed = new UrlPolicy(true, false);
        String yaml = """
                endpoints:
                  - name: %s
                    kind: sms
                    ratePerMinute: 600
                %s    recipients:
                      - name: duty-officer
                        number: "%s"
                        filter: {sites: [%s]}
                """.formatted(endpoint, via.indent(4), number, site);
        List<SmsEndpoint> endpoints = SmsEndpointsFile.parse(yaml, loopbackAllowed, ValueReferences.of(Map.of("TWILIO_TOKEN", "tw-secret")));
        Map<String, Object> kafka = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        DispatchSettings settings = new DispatchSettings(kafka, RegistrySettings.of(stack.registryUrl()), Optional.empty(),
                groupPrefix, "earliest", Duration.ofSeconds(5), retry, loopbackAllowed);
        SmppSettings smpp = new SmppSettings(Optional.of("127.0.0.1"), smscPort, "flowwatch", "secret", "", "transceiver",
                "FLOWWATCH", Duration.ofSeconds(5));
        SmsDispatch sms = SmsDispatch.open(endpoints, smpp, Duration.ofSeconds(5), SmsText.SUMMARY, kafka, serdes);
        return new Running(sms, AlertDispatcher.start(settings, List.of(), sms.channels(), serdes, new DispatchMetrics(metrics)));
    }

    private record Running(SmsDispatch sms, AlertDispatcher dispatcher) implements AutoCloseable {
        @Override
        public void close() {
            dispatcher.close();
            sms.close();
        }
    }

    // Quick attempts 100 ms apart, then parked; at most 300 ms between parked attempts.
    private static RetryPolicy policy(Duration giveUpAfter) {
        return new RetryPolicy(new Backoff(Duration.ofMillis(100), Duration.ofMillis(300), RandomGenerator.getDefault()),
                3, Duration.ofSeconds(2), giveUpAfter);
    }

    private void publish(Alert alert) {
        DispatchStack.publish(stack, serdes, alert);
    }

    private List<SmsReceipt> receipts(int count) {
        return read(Topics.SMS_RECEIPTS, count, Duration.ZERO).stream().map(ConsumerRecord::value).toList();
    }

    /** At least {@code count} records keyed by this test's recipient, and then no more for {@code quiet}. */
    private <V> List<ConsumerRecord<String, V>> read(TopicSpec<String, V> topic, int count, Duration quiet) {
        Map<String, Object> config = new HashMap<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"));
        List<ConsumerRecord<String, V>> mine = new ArrayList<>();
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(config, serdes.key(topic).deserializer(), serdes.value(topic).deserializer())) {
            consumer.subscribe(List.of(topic.name()));
            await().alias(count + " records of " + recipient + " in " + topic.name()).atMost(WAIT)
                    .until(() -> pollMine(consumer, mine) >= count);
            if (!quiet.isZero()) {
                await().alias("then no more").during(quiet).atMost(quiet.multipliedBy(3)).until(() -> pollMine(consumer, mine) == count);
            }
        }
        return mine;
    }

    private <V> int pollMine(KafkaConsumer<String, V> consumer, List<ConsumerRecord<String, V>> mine) {
        consumer.poll(Duration.ofMillis(100)).forEach(record -> {
            if (recipient.equals(record.key())) {
                mine.add(record);
            }
        });
        return mine.size();
    }
}
