package org.flowwatch.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import java.nio.file.Path;
import org.flowwatch.embedded.EmbeddedRegistry;
import org.flowwatch.embedded.EmbeddedStack;
import org.flowwatch.embedded.RegistryKind;
import org.flowwatch.embedded.EmbeddedStackExtension;
import org.flowwatch.schemas.avro.PostHeartbeat;
import org.flowwatch.schemas.topics.TopicSpec;
import org.flowwatch.schemas.topics.Topics;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code flowwatch registry apply}'s plan against the real registry the demo runs, and a producer with
 * auto-registration off before and after it.
 */
@Tag("integration")
@Timeout(120)
@ExtendWith(EmbeddedStackExtension.class)
class RegistryPlanIntegrationTest {

    @Test
    void shouldRegisterEveryContractWithBackwardAndFindNothingWhenAppliedAgain(EmbeddedStack stack) {
        // given
        Map<String, ?> contracts = RegistryPlan.contracts(Topics.ALL);
        RegistryPlan first = RegistryPlan.of(Topics.ALL, client(stack));

        // when
        first.apply(client(stack));
        RegistryPlan second = RegistryPlan.of(Topics.ALL, client(stack));

        // then
        assertThat(first.changes()).filteredOn(SubjectChange.Register.class::isInstance)
                .extracting(SubjectChange::subject).containsExactlyElementsOf(contracts.keySet());
        assertThat(first.changes()).filteredOn(SubjectChange.SetCompatibility.class::isInstance)
                .extracting(SubjectChange::subject).containsExactlyElementsOf(contracts.keySet());
        assertThat(second.changes()).as("a second apply changes nothing").isEmpty();
        assertThat(client(stack).compatibility(Topics.CROSSINGS.valueSubject())).contains("BACKWARD");
    }

    @Test
    void shouldRegisterEveryContractOnceWhenTheRegistryIsApicurio3(@TempDir Path dir) {
        try (EmbeddedRegistry registry = EmbeddedRegistry.start(dir, 0, RegistryKind.APICURIO3)) {
            // given
            HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(RegistrySettings.of(registry.url()));

            // when
            RegistryPlan first = RegistryPlan.of(Topics.ALL, client);
            first.apply(client);
            RegistryPlan second = RegistryPlan.of(Topics.ALL, new HttpSchemaRegistryClient(RegistrySettings.of(registry.url())));

            // then
            assertThat(first.changes()).hasSize(2 * RegistryPlan.contracts(Topics.ALL).size());
            assertThat(second.changes()).as("a second apply changes nothing").isEmpty();
        }
    }

    @Test
    void shouldFailNamingTheCommandBeforeApplyAndProduceAfterWhenAutoRegisterIsOff(EmbeddedStack stack, TestInfo test,
            @TempDir Path dir) throws Exception {
        // given: a registry of its own (the catalogue test above applies to the stack's), a catalogue topic, and a
        // topic outside the catalogue (as a streams app's repartition topic is)
        TopicSpec<String, PostHeartbeat> catalogued = Topics.HEARTBEATS;
        TopicSpec<String, PostHeartbeat> internal = new TopicSpec<>(
                "it." + test.getTestMethod().orElseThrow().getName().toLowerCase(Locale.ROOT) + "-repartition",
                String.class, PostHeartbeat.class, 1, Map.of(), "test");
        createTopic(stack, catalogued.name());
        createTopic(stack, internal.name());
        try (EmbeddedRegistry registry = EmbeddedRegistry.start(dir, 0)) {
            RegistrySettings strict = RegistrySettings.of(registry.url()).withAutoRegister(false);

            // when
            Throwable before = catchThrowable(() -> send(stack, FlowwatchSerdes.forRegistry(strict), catalogued));
            Throwable toInternal = catchThrowable(() -> send(stack, FlowwatchSerdes.forRegistry(strict), internal));
            HttpSchemaRegistryClient admin = new HttpSchemaRegistryClient(RegistrySettings.of(registry.url()));
            RegistryPlan.of(List.of(catalogued), admin).apply(admin);
            Throwable after = catchThrowable(() -> send(stack, FlowwatchSerdes.forRegistry(strict), catalogued));

            // then
            assertThat(before).isInstanceOf(SchemaNotRegisteredException.class)
                    .hasMessage("schema PostHeartbeat is not registered under subject " + catalogued.valueSubject()
                            + " and registry.auto.register is false: run `flowwatch registry apply` against this registry first");
            assertThat(toInternal).as("a topic outside the catalogue still registers").isNull();
            assertThat(after).as("sent once the contract is applied").isNull();
        }
    }

    private static void send(EmbeddedStack stack, FlowwatchSerdes serdes, TopicSpec<String, PostHeartbeat> topic)
            throws Exception {
        Map<String, Object> config = Map.of("bootstrap.servers", stack.bootstrapServers(), "max.block.ms", 10_000);
        try (KafkaProducer<String, PostHeartbeat> producer = new KafkaProducer<>(config, new StringSerializer(),
                serdes.value(topic).serializer())) {
            producer.send(new ProducerRecord<>(topic.name(), "kornidzor", heartbeat())).get(10, TimeUnit.SECONDS);
        }
    }

    private static PostHeartbeat heartbeat() {
        return PostHeartbeat.newBuilder().setPostId("kornidzor").setSentAt(SampleRecords.T0).build();
    }

    private static void createTopic(EmbeddedStack stack, String name) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(name, Optional.of(1), Optional.empty()))).all().get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
                throw e;
            }
        }
    }

    private static HttpSchemaRegistryClient client(EmbeddedStack stack) {
        return new HttpSchemaRegistryClient(RegistrySettings.of(stack.registryUrl()).withRetryFor(Duration.ZERO));
    }
}
