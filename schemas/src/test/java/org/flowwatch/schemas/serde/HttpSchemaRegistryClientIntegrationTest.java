package org.flowwatch.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;
import static org.flowwatch.schemas.serde.SampleRecords.fullCrossing;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.flowwatch.embedded.EmbeddedRegistry;
import org.flowwatch.embedded.LocalPorts;
import org.flowwatch.embedded.RegistryKind;
import org.flowwatch.schemas.avro.CrossingEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The HTTP client against real Apicurio registries (Confluent API, global compatibility BACKWARD): 2.6, the one the
 * demo runs by default, and 3.x ({@code embedded.registry=apicurio3}). Only the registry is needed here, so each is
 * started alone, once for the class; each test uses its own subject.
 */
@Tag("integration")
@Timeout(180)
@ParameterizedClass(name = "{0}")
@EnumSource(RegistryKind.class)
class HttpSchemaRegistryClientIntegrationTest {

    private static final Schema CURRENT = CrossingEvent.getClassSchema();
    private static final Map<RegistryKind, EmbeddedRegistry> REGISTRIES = new EnumMap<>(RegistryKind.class);

    @TempDir
    static Path registryDir;

    @Parameter
    RegistryKind kind;

    private static EmbeddedRegistry registry;

    private String subject;
    private String topic;

    @BeforeEach
    void startRegistryOnce() {
        registry = REGISTRIES.computeIfAbsent(kind, k -> EmbeddedRegistry.start(registryDir.resolve(k.settingValue()), 0, k));
    }

    @AfterAll
    static void stopRegistries() {
        REGISTRIES.values().forEach(EmbeddedRegistry::close);
        REGISTRIES.clear();
    }

    @BeforeEach
    void nameSubjectAfterTest(TestInfo test) {
        String name = test.getTestMethod().orElseThrow().getName().toLowerCase(Locale.ROOT);
        topic = "it." + name;
        subject = topic + "-value";
    }

    @Test
    void shouldReturnSameIdWhenSameSchemaIsRegisteredAgain() {
        // given: the same schema, once as generated and once parsed from differently formatted JSON
        Schema reformatted = new Schema.Parser().parse(CURRENT.toString(true));
        int first = newClient().register(subject, CURRENT);

        // when: fresh clients, so the answer comes from the registry and not from a cache
        int again = newClient().register(subject, CURRENT);
        int reformattedAgain = newClient().register(subject, reformatted);

        // then
        assertThat(first).isNotNegative();
        assertThat(again).isEqualTo(first);
        assertThat(reformattedAgain).as("one canonical text per schema").isEqualTo(first);
    }

    @Test
    void shouldGiveEveryInstanceTheSameIdWhenTheyRegisterANewSubjectAtOnce() throws Exception {
        // given this test's subject, registered by nobody yet, and eight instances starting together (as two
        // streams apps do when they create their changelog subjects)
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            // when
            var ids = pool.invokeAll(java.util.Collections.nCopies(8,
                    (java.util.concurrent.Callable<Integer>) () -> newClient().register(subject, CURRENT)));

            // then none is refused and all agree
            java.util.Set<Integer> distinct = new java.util.HashSet<>();
            for (var id : ids) {
                distinct.add(id.get());
            }
            assertThat(distinct).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldParseToEqualSchemaWhenReadingById() {
        // given
        HttpSchemaRegistryClient client = newClient();
        int id = client.register(subject, CURRENT);

        // when
        Schema cached = client.schemaById(id);
        Schema fetched = newClient().schemaById(id);

        // then
        assertThat(cached).isEqualTo(CURRENT);
        assertThat(fetched).as("read by a client with an empty cache").isEqualTo(CURRENT);
    }

    @Test
    void shouldThrowUnknownSchemaExceptionWhenIdIsNotRegistered() {
        // given
        int unknownId = 987_654;

        // when
        Throwable thrown = catchThrowable(() -> newClient().schemaById(unknownId));

        // then
        assertThat(thrown).isInstanceOf(UnknownSchemaException.class);
        assertThat(((UnknownSchemaException) thrown).schemaId()).isEqualTo(unknownId);
    }

    // Both cases share this test's subject: neither registers the evolved schema, so neither sees the other's.
    @ParameterizedTest(name = "new field has a default: {0}")
    @ValueSource(booleans = {true, false})
    void shouldReportCompatibleOnlyWhenNewFieldHasDefault(boolean newFieldHasDefault) {
        // given
        HttpSchemaRegistryClient client = newClient();
        client.register(subject, CURRENT);

        // when
        boolean compatible = client.isCompatible(subject, withTransportMode(newFieldHasDefault));

        // then
        assertThat(compatible).isEqualTo(newFieldHasDefault);
    }

    @Test
    void shouldReportCompatibleWhenSubjectHasNoVersionYet() {
        // when
        boolean compatible = newClient().isCompatible(subject, withTransportMode(false));

        // then
        assertThat(compatible).isTrue();
    }

    @Test
    void shouldThrowIncompatibleSchemaExceptionWhenRegisteringFieldWithoutDefault() {
        // given
        HttpSchemaRegistryClient client = newClient();
        client.register(subject, CURRENT);

        // when
        Throwable thrown = catchThrowable(() -> client.register(subject, withTransportMode(false)));

        // then
        assertThat(thrown).isInstanceOf(IncompatibleSchemaException.class).hasMessageContaining(subject);
    }

    @Test
    void shouldRegisterNewVersionWhenNewFieldHasDefault() {
        // given
        HttpSchemaRegistryClient client = newClient();
        int currentId = client.register(subject, CURRENT);

        // when
        int evolvedId = client.register(subject, withTransportMode(true));

        // then
        assertThat(evolvedId).isNotEqualTo(currentId);
        assertThat(newClient().schemaById(evolvedId)).isEqualTo(withTransportMode(true));
    }

    @Test
    void shouldRoundTripCrossingEventWhenProducerAndConsumerHaveOwnClients() {
        // given: as in production, the producer and the consumer each hold their own client and cache
        AvroSerializer<CrossingEvent> producerSide = new AvroSerializer<>(newClient(), CrossingEvent.class, false);
        AvroDeserializer<CrossingEvent> consumerSide = new AvroDeserializer<>(newClient(), CrossingEvent.class);
        CrossingEvent sent = fullCrossing();

        // when
        byte[] bytes = producerSide.serialize(topic, sent);
        CrossingEvent received = consumerSide.deserialize(topic, bytes);

        // then
        assertThat(received).isEqualTo(sent);
        assertThat(bytes[0]).as("magic byte").isZero();
    }

    @Test
    void shouldThrowRegistryUnavailableNamingUrlWhenNothingListens() throws IOException {
        // given
        String url = "http://127.0.0.1:" + LocalPorts.free("a registry nobody runs") + "/apis/ccompat/v7";
        HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(RegistrySettings.of(url));

        // when
        Throwable thrown = catchThrowable(() -> client.register(subject, CURRENT));

        // then
        assertThat(thrown).isInstanceOf(RegistryUnavailableException.class).hasMessageContaining(url);
    }

    @Test
    void shouldGetItsAnswerWhenTheRegistryComesUpWhileItIsTryingAgain(@TempDir Path laterDir) throws Exception {
        // given a client that tries for 60 s, and no registry yet where it points
        int port = LocalPorts.free("a registry nobody runs");
        String url = "http://127.0.0.1:" + port + "/apis/ccompat/v7";
        HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(RegistrySettings.of(url).withRetryFor(Duration.ofSeconds(60)));
        CompletableFuture<Integer> registered = CompletableFuture.supplyAsync(() -> client.register(subject, CURRENT));

        // when the registry starts there a few seconds after the call began
        await().alias("still trying while nothing listens").during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .until(() -> !registered.isDone());
        try (EmbeddedRegistry late = EmbeddedRegistry.start(laterDir, port, kind)) {
            // then the call returns the id the registry gave
            int id = registered.get(60, TimeUnit.SECONDS);
            assertThat(newClient(late.url()).schemaById(id)).isEqualTo(CURRENT);
        }
    }

    @Test
    void shouldGiveUpNamingHowLongItTriedWhenTheRegistryStaysDown() throws IOException {
        // given
        String url = "http://127.0.0.1:" + LocalPorts.free("a registry nobody runs") + "/apis/ccompat/v7";
        HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(RegistrySettings.of(url).withRetryFor(Duration.ofSeconds(2)));

        // when
        long start = System.nanoTime();
        Throwable thrown = catchThrowable(() -> client.schemaById(1));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        // then it tried again for the time allowed, and says so
        assertThat(thrown).isInstanceOf(RegistryUnavailableException.class).hasMessageContaining(url).hasMessageContaining("tried for 2 s");
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(1_500));
    }

    private static HttpSchemaRegistryClient newClient(String url) {
        return new HttpSchemaRegistryClient(RegistrySettings.of(url));
    }

    private static HttpSchemaRegistryClient newClient() {
        return newClient(registry.url());
    }

    private static Schema withTransportMode(boolean withDefault) {
        List<Schema.Field> fields = new ArrayList<>();
        CURRENT.getFields().forEach(field -> fields.add(new Schema.Field(field, field.schema())));
        fields.add(withDefault
                ? new Schema.Field("transportMode", Schema.create(Schema.Type.STRING), null, "unknown")
                : new Schema.Field("transportMode", Schema.create(Schema.Type.STRING)));
        return Schema.createRecord(CURRENT.getName(), CURRENT.getDoc(), CURRENT.getNamespace(), false, fields);
    }
}
