package org.flowwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.flowwatch.consumers.webhook.AlertDispatcher;
import org.flowwatch.consumers.webhook.DispatchMetrics;
import org.flowwatch.consumers.webhook.DispatchSettings;
import org.flowwatch.consumers.webhook.EndpointsFile;
import org.flowwatch.embedded.EmbeddedKafka;
import org.flowwatch.embedded.EmbeddedRegistry;
import org.flowwatch.embedded.SaslSslListener;
import org.flowwatch.embedded.SelfSignedTls;
import org.flowwatch.producers.gateway.GatewaySettings;
import org.flowwatch.producers.gateway.IngestGateway;
import org.flowwatch.producers.post.PostClient;
import org.flowwatch.producers.post.PostSettings;
import org.flowwatch.producers.publish.CrossingPublisher;
import org.flowwatch.producers.publish.MovementPublisher;
import org.flowwatch.producers.replay.ScenarioReplay;
import org.flowwatch.schemas.config.CommonSettings;
import org.flowwatch.schemas.config.Settings;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.schemas.testing.CrossingBuilder;
import org.flowwatch.schemas.topics.Topics;
import org.flowwatch.streams.arrivals.ArrivalsApp;
import org.flowwatch.streams.runtime.StreamsRunner;
import org.flowwatch.streams.runtime.StreamsSettings;
import org.flowwatch.streams.sites.SitesApp;
import org.flowwatch.streams.sites.SitesSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline on a broker that only speaks SASL_SSL (SCRAM-SHA-512 over TLS) to its clients, with ACLs enforced:
 * every client is configured through flowwatch settings alone, the topics and ACLs come from
 * {@code flowwatch topics apply --acls}, and each principal (post, arrivals app, sites app, dispatcher, operations
 * centre) can do its job and nothing more; a post's tablet (its journal) and the gateway send as the post's principal;
 * every client reaches the registry over TLS with basic auth and a client certificate ({@link RegistryGate}).
 */
@Tag("integration")
@Timeout(240)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecuredPipelineIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String ADMIN = "admin";
    private static final Map<String, String> PASSWORDS = Map.of(ADMIN, "admin-pw", "arrivals", "arrivals-pw",
            "post-goris", "goris-pw", "post-kornidzor", "kornidzor-pw", "sites", "sites-pw", "dispatcher", "dispatcher-pw",
            "ops", "ops-pw");

    @TempDir
    static Path dir;
    private static EmbeddedRegistry registry;
    private static RegistryGate registryGate;
    private static final String REGISTRY_CREDENTIALS = "flowwatch:registry-pw";
    private static final String GATEWAY_TOKEN = "kornidzor-gateway-token-0123456789";
    private static SaslSslListener listener;
    private static EmbeddedKafka kafka;
    private static CommandRun firstApply;
    private static HttpServer webhooks;
    private static final AtomicInteger DELIVERED = new AtomicInteger();

    @BeforeAll
    static void startSecuredBrokerAndApplyTopicsAndAcls() {
        registry = EmbeddedRegistry.start(dir.resolve("registry"), 0);
        // mutual TLS: every client shows a certificate as well as its SCRAM login
        listener = SaslSslListener.create(dir.resolve("tls"), ADMIN).withClientCertificates();
        kafka = EmbeddedKafka.startSecured(dir.resolve("kafka"), 0, listener);
        // the registry behind TLS, basic auth and client certificates (each client shows the listener's certificate)
        registryGate = RegistryGate.start(registry.url(), listener.tls(), REGISTRY_CREDENTIALS, true);
        PASSWORDS.forEach(kafka::createScramUser);
        firstApply = CommandRun.of(args(ADMIN, PASSWORDS.get(ADMIN), "topics", "apply", "--acls"));
    }

    @BeforeAll
    static void startWebhookReceiver() throws IOException {
        webhooks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        webhooks.createContext("/alerts", exchange -> {
            exchange.getRequestBody().readAllBytes();
            DELIVERED.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        webhooks.start();
    }

    @AfterAll
    static void stop() {
        if (webhooks != null) {
            webhooks.stop(0);
        }
        if (kafka != null) {
            kafka.close();
        }
        if (registryGate != null) {
            registryGate.close();
        }
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    @Order(1)
    void shouldCreateTopicsAndAclsOnceWhenAppliedTwice() {
        // then: the first run (in @BeforeAll) created every topic and the roles' ACLs, one line each
        assertThat(firstApply.exitCode()).as(firstApply.err()).isZero();
        assertThat(firstApply.out()).contains("create flowwatch.crossings.v1: 4 partitions, replication 1, retention.ms=-1")
                .contains("topics: " + Topics.ALL.size() + " change(s) applied")
                .contains("allow User:post-goris WRITE on topic flowwatch.crossings.v1")
                .contains("allow User:arrivals ALL on topic prefix flowwatch-arrivals-")
                .contains("allow User:arrivals READ on group flowwatch-arrivals")
                .doesNotContain("allow User:post-goris READ");
        assertThat(firstApply.out() + firstApply.err()).doesNotContain(PASSWORDS.get(ADMIN), listener.tls().password());

        // when
        CommandRun second = CommandRun.of(args(ADMIN, PASSWORDS.get(ADMIN), "topics", "apply", "--acls"));

        // then
        assertThat(second.exitCode()).isZero();
        assertThat(second.out().strip().lines()).hasSize(2).first().asString().startsWith("topics: nothing changed");
        assertThat(second.out()).contains("acls: nothing changed");
    }

    @Test
    @Order(2)
    void shouldCountAReplayExactlyWhenEveryClientUsesSaslSslAndTheAppOnlyItsAcls() throws Exception {
        // given the 2023 sites and a replay sent over SASL_SSL
        Settings producer = settings(ADMIN, PASSWORDS.get(ADMIN), "replay.start", "2023-09-26T08:00:00+04:00",
                "replay.hours", "3", "replay.speed", "0", "replay.resend.share", "0.02");
        ReferenceCommand.publishDefaults(producer);
        ScenarioReplay.Sent sent = ReplayCommand.replay(producer, (hour, people) -> { });

        // when the arrivals app runs as its own principal, with nothing but the ACLs topics apply gave it
        Settings app = settings("arrivals", PASSWORDS.get("arrivals"), "streams.state.dir", dir.resolve("state").toString(),
                "query.http.port", "0");
        try (StreamsRunner runner = ArrivalsApp.start(StreamsSettings.from(app));
             var daily = CommittedReader.of(FlowwatchSerdes.forRegistry(CommonSettings.registry(producer)), producer,
                     Topics.ARRIVALS_DAILY)) {
            assertThat(runner.awaitRunning(WAIT)).as("arrivals app RUNNING, failure: %s", runner.failure()).isTrue();

            // then every person is counted once
            await().alias("every person counted").atMost(WAIT).untilAsserted(() ->
                    assertThat(DailyArrivals.allScope(daily.values())).isGreaterThanOrEqualTo(sent.people()));
            assertThat(DailyArrivals.allScope(daily.values())).isEqualTo(sent.people());
            assertThat(runner.failure()).isEmpty();
        }
    }

    @Test
    @Order(3)
    void shouldRunTheSitesAppDispatcherAndOpsCentreEachAsItsOwnPrincipalWithOnlyItsAcls() throws Exception {
        // given the valid crossings of the replay counted in the test before, and a webhook receiver
        Path endpoints = Files.writeString(dir.resolve("endpoints.yaml"), "endpoints:\n  - name: partner\n    url: http://127.0.0.1:"
                + webhooks.getAddress().getPort() + "/alerts\n    format: cloudevents\n");

        // when the sites app runs as its own principal with only its ACLs
        Settings sites = settings("sites", PASSWORDS.get("sites"), "streams.state.dir", dir.resolve("sites-state").toString());
        try (StreamsRunner runner = SitesApp.start(SitesSettings.from(sites));
             var status = CommittedReader.of(FlowwatchSerdes.forRegistry(CommonSettings.registry(sites)), settings(ADMIN, PASSWORDS.get(ADMIN)),
                     Topics.SITE_STATUS)) {
            assertThat(runner.awaitRunning(WAIT)).as("sites app RUNNING, failure: %s", runner.failure()).isTrue();
            // then it reads the valid crossings and publishes site statuses
            await().alias("site statuses published").atMost(WAIT).until(() -> !status.values().isEmpty());

            // and the dispatcher, as its own principal, delivers the alerts the sites app raised
            Settings dispatch = settings("dispatcher", PASSWORDS.get("dispatcher"), "dispatch.allow.loopback", "true");
            DispatchSettings dispatchSettings = DispatchSettings.from(dispatch);
            try (AlertDispatcher dispatcher = AlertDispatcher.start(dispatchSettings, EndpointsFile.load(endpoints, dispatchSettings.urlPolicy()),
                    FlowwatchSerdes.forRegistry(dispatchSettings.registry()), new DispatchMetrics(new SimpleMeterRegistry()))) {
                await().alias("an alert delivered to the webhook").atMost(WAIT).until(() -> DELIVERED.get() > 0);
                assertThat(dispatcher.failure()).isEmpty();
            }
            assertThat(runner.failure()).isEmpty();
        }

        // and the operations centre's principal exports the counts
        CommandRun export = CommandRun.of(args("ops", PASSWORDS.get("ops"), "export", "--format", "json"));
        assertThat(export.exitCode()).as(export.err()).isZero();
        assertThat(export.out()).contains("kornidzor");

        // but none of them may write what is not theirs
        for (String principal : List.of("sites", "dispatcher", "ops")) {
            assertThat(refusedWriting(settings(principal, PASSWORDS.get(principal)), Topics.ARRIVALS_DAILY.name()))
                    .as(principal + " writing the daily counts").isTrue();
        }
    }

    @Test
    @Order(4)
    void shouldLetAPostWriteCrossingsButNothingElseWhenOnlyItsAclsApply() throws Exception {
        // given
        Settings post = settings("post-goris", PASSWORDS.get("post-goris"));
        Map<String, Object> kafkaConfig = new HashMap<>(CommonSettings.kafkaClient(post));

        // when / then: a crossing is accepted
        try (CrossingPublisher crossings = new CrossingPublisher(kafkaConfig, FlowwatchSerdes.forRegistry(CommonSettings.registry(post)))) {
            crossings.publish(CrossingBuilder.aCrossing().atPost("goris").people(2).build());
            crossings.flush();
        }

        // but writing a count is refused
        assertThat(refusedWriting(post, Topics.ARRIVALS_HOURLY.name())).as("post writing the hourly counts").isTrue();

        // and so is reading the crossings of other posts
        try (var consumer = new KafkaConsumer<>(kafkaConfig, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(new TopicPartition(Topics.CROSSINGS.name(), 0)));
            consumer.seekToBeginning(List.of(new TopicPartition(Topics.CROSSINGS.name(), 0)));
            assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(10))).isInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    @Order(5)
    void shouldRefuseAWrongPasswordInOneLineWhenAClientLogsIn() {
        // when
        CommandRun apply = CommandRun.of(args(ADMIN, "not-the-password", "topics", "apply"));
        CommandRun replay = CommandRun.of(args("post-goris", "not-the-password", "replay", "--hours", "1", "--speed", "0"));

        // then
        for (CommandRun run : List.of(apply, replay)) {
            assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
            assertThat(run.err().strip()).doesNotContain("\n", "\tat ", "not-the-password")
                    .startsWith("flowwatch: Kafka refused the login (")
                    .endsWith("check the user and password in kafka.sasl.jaas.config and kafka.sasl.mechanism");
        }
    }

    @Test
    @Order(6)
    void shouldNameTheRegistrySettingInOneLineWhenTheRegistryRefusesTheCredentialsOrIsNotTrusted() {
        // when a post sends with the wrong registry password, and with no trust store for the registry's certificate
        String[] replay = args("post-goris", PASSWORDS.get("post-goris"), "replay", "--hours", "1", "--speed", "0");
        CommandRun wrongPassword = CommandRun.of(then(replay, "--set", "registry.basic.auth=flowwatch:not-the-password"));
        CommandRun untrusted = CommandRun.of(then(replay, "--set", "registry.ssl.truststore.location="));

        // then one line each, naming what to fix, with no password in it
        assertThat(wrongPassword.exitCode()).as(wrongPassword.err()).isEqualTo(1);
        assertThat(wrongPassword.err().strip()).doesNotContain("\n", "\tat ", "not-the-password")
                .contains("refused our credentials (401)", "registry.basic.auth");
        assertThat(untrusted.exitCode()).as(untrusted.err()).isEqualTo(1);
        assertThat(untrusted.err().strip()).doesNotContain("\n", "\tat ").contains("TLS handshake", "registry.ssl.truststore.location");
        assertThat(registryGate.refused()).as("requests the gate refused").isPositive();
    }

    @Test
    @Order(7)
    void shouldSendOverSaslSslFromAPostsJournalAndThroughTheGatewayAsThePostsPrincipal() throws Exception {
        // given Kornidzor's principal, for its tablet (the journal, as `flowwatch post` runs it) and for the gateway
        Settings post = settings("post-kornidzor", PASSWORDS.get("post-kornidzor"), "post.id", "kornidzor",
                "post.journal.dir", dir.resolve("journal").toString(), "gateway.port", "0", "gateway.tokens", "kornidzor:" + GATEWAY_TOKEN);
        FlowwatchSerdes serdes = FlowwatchSerdes.forRegistry(CommonSettings.registry(post));
        List<String> sent = new ArrayList<>();

        // when the tablet records three groups and a phone posts one to the gateway
        try (PostClient tablet = PostClient.start(PostSettings.from(post), CommonSettings.kafkaClient(post), serdes, Clock.systemUTC())) {
            for (int people : new int[] {3, 5, 2}) {
                sent.add(tablet.record(Map.of("people", Integer.toString(people))).crossing().getEventId().toString());
            }
            assertThat(tablet.awaitDrained(WAIT)).as("the tablet's journal drained over SASL_SSL").isTrue();
        }
        String phone = UUID.randomUUID().toString();
        try (CrossingPublisher crossings = new CrossingPublisher(CommonSettings.kafkaClient(post), serdes);
             MovementPublisher movements = new MovementPublisher(CommonSettings.kafkaClient(post), serdes);
             IngestGateway gateway = IngestGateway.start(GatewaySettings.from(post), crossings, movements, Clock.systemUTC())) {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + gateway.port() + "/v1/crossings"))
                    .header("Authorization", "Bearer " + GATEWAY_TOKEN).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"event_id\":\"" + phone + "\",\"people\":4,"
                            + "\"crossed_at\":\"2023-09-26T14:05:00+04:00\"}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        }
        sent.add(phone);

        // then all four are on the crossings topic
        try (var onTopic = CommittedReader.of(serdes, settings(ADMIN, PASSWORDS.get(ADMIN)), Topics.CROSSINGS)) {
            await().alias("the four crossings on the topic").atMost(WAIT).untilAsserted(() -> assertThat(onTopic.values())
                    .extracting(crossing -> crossing.getEventId().toString()).containsAll(sent));
        }
    }

    @Test
    @Order(8)
    void shouldRefuseAClientWithoutACertificateInOneLineWhenTheListenerAsksForOne() {
        // when the admin, with the right password, shows no client certificate
        CommandRun apply = CommandRun.of(withoutKeyStore(args(ADMIN, PASSWORDS.get(ADMIN), "topics", "apply")));

        // then
        assertThat(apply.exitCode()).as(apply.err()).isEqualTo(1);
        assertThat(apply.err().strip()).doesNotContain("\n", "\tat ").startsWith("flowwatch: TLS with Kafka failed (")
                .contains("kafka.ssl.keystore.location");
    }

    /** True when the broker refuses {@code principal}'s settings a write to {@code topic} for want of an ACL. */
    private static boolean refusedWriting(Settings principal, String topic) throws InterruptedException {
        try (var producer = new KafkaProducer<>(CommonSettings.kafkaClient(principal), new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, new byte[1])).get();
            return false;
        } catch (ExecutionException e) {
            return e.getCause() instanceof TopicAuthorizationException;
        }
    }

    private static Settings settings(String user, String password, String... more) {
        Map<String, String> flags = secured(user, password);
        for (int i = 0; i < more.length; i += 2) {
            flags.put(more[i], more[i + 1]);
        }
        return new ConfigOptions().load(flags);
    }

    /** The flowwatch settings of a SASL_SSL client: the broker's settings under kafka., the ACL principals. */
    private static Map<String, String> secured(String user, String password) {
        Map<String, String> flags = new LinkedHashMap<>();
        listener.clientConfig(user, password).forEach((key, value) -> flags.put("kafka." + key, value));
        flags.putAll(securedRegistry(REGISTRY_CREDENTIALS));
        flags.put("acl.post.principals", "User:post-goris,User:post-kornidzor");
        flags.put("acl.streams.principal", "User:arrivals");
        flags.put("acl.sites.principal", "User:sites");
        flags.put("acl.dispatcher.principal", "User:dispatcher");
        flags.put("acl.ops.principal", "User:ops");
        return flags;
    }

    /** The registry through its gate: https, this client's certificate, basic auth. */
    private static Map<String, String> securedRegistry(String credentials) {
        SelfSignedTls tls = listener.tls();
        return Map.of("registry.url", registryGate.url(registry.url()), "registry.basic.auth", credentials,
                "registry.ssl.truststore.location", tls.trustStore().toString(), "registry.ssl.truststore.password", tls.password(),
                "registry.ssl.keystore.location", tls.keyStore().toString(), "registry.ssl.keystore.password", tls.password());
    }

    /** {@code args} without the Kafka client's key store and key password: a client with no certificate to show. */
    private static String[] withoutKeyStore(String[] args) {
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--set") && i + 1 < args.length
                    && (args[i + 1].startsWith("kafka.ssl.keystore.") || args[i + 1].startsWith("kafka.ssl.key.password"))) {
                i++;
            } else {
                kept.add(args[i]);
            }
        }
        return kept.toArray(String[]::new);
    }

    /** {@code args} with more after them (a later --set overrides an earlier one). */
    private static String[] then(String[] args, String... more) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    private static String[] args(String user, String password, String... command) {
        List<String> args = new ArrayList<>(List.of(command));
        secured(user, password).forEach((key, value) -> args.addAll(List.of("--set", key + "=" + value)));
        return args.toArray(String[]::new);
    }
}
