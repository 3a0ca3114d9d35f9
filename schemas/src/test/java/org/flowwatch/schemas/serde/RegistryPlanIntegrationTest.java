package org.flowwatch.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.flowwatch.schemas.serde.SampleRecords.fullCrossing;

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
import org.flowwatch.schemas.avro.CrossingEvent;
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
    void shouldFailNamingTheCommandBeforeApplyAndProduceAfterWhenAutoRegisterIsOff(EmbeddedStack stack, TestInfo test)
            throws Exception {
        // given: a topic of its own, so the catalogue test above cannot have registered it
        TopicSpec<String, CrossingEvent> topic = new TopicSpec<>(
                "it." + test.getTestMethod().orElseThrow().getName().toLowerCase(Locale.ROOT), String.class,
                CrossingEvent.class, 1, Map.of(), "test");
        createTopic(stack, topic.name());
        FlowwatchSerdes strict = FlowwatchSerdes.forRegistry(RegistrySettings.of(stack.registryUrl()).withAutoRegister(false));

        // when
        Throwable before = catchThrowable(() -> send(stack, strict, topic));
        RegistryPlan.of(List.of(topic), client(stack)).apply(client(stack));
        Throwable after = catchThrowable(() -> send(stack, FlowwatchSerdes.forRegistry(
                RegistrySettings.of(stack.registryUrl()).withAutoRegister(false)), topic));

        // then
        assertThat(before).isInstanceOf(SchemaNotRegisteredException.class)
                .hasMessage("schema CrossingEvent is not registered under subject " + topic.valueSubject()
                        + " and registry.auto.register is false: run `flowwatch registry apply` against this registry first");
        assertThat(after).as("sent once the contract is applied").isNull();
        assertThat(client(stack).idOf(topic.valueSubject(), CrossingEvent.getClassSchema())).isPresent();
    }

    private static void send(EmbeddedStack stack, FlowwatchSerdes serdes, TopicSpec<String, CrossingEvent> topic)
            throws Exception {
        Map<String, Object> config = Map.of("bootstrap.servers", stack.bootstrapServers(), "max.block.ms", 10_000);
        try (KafkaProducer<String, CrossingEvent> producer = new KafkaProducer<>(config, new StringSerializer(),
                serdes.value(topic).serializer())) {
            producer.send(new ProducerRecord<>(topic.name(), "kornidzor", fullCrossing())).get(10, TimeUnit.SECONDS);
        }
    }

    private static void createTopic(EmbeddedStack stack, String name) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(name, Optional.of(1), Optional.empty()))).all().get(30, TimeUnit.SECONDS);
        }
    }

    private static HttpSchemaRegistryClient client(EmbeddedStack stack) {
        return new HttpSchemaRegistryClient(RegistrySettings.of(stack.registryUrl()).withRetryFor(Duration.ZERO));
    }
}
