package org.flowwatch.schemas.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.assertj.core.api.SoftAssertions;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.schemas.serde.InMemorySchemaRegistryClient;
import org.junit.jupiter.api.Test;

class TopicsTest {

    private static final String NAME_PATTERN = "^flowwatch(\\.[a-z0-9-]+)+\\.v\\d+$";

    @Test
    void shouldHaveUniqueWellFormedNamesWhenListingCatalogue() {
        // given
        List<String> names = Topics.ALL.stream().map(TopicSpec::name).toList();

        // then
        assertThat(names).doesNotHaveDuplicates();
        assertThat(names).allSatisfy(name -> assertThat(name).as("flowwatch.<entity>.<stage>.v<n>").matches(NAME_PATTERN));
    }

    @Test
    void shouldListEveryDeclaredTopicWhenToolsCreateTopicsFromAll() throws IllegalAccessException {
        // given: cli, embedded and tests create exactly Topics.ALL, so a spec missing from it would never exist
        List<Object> declared = new ArrayList<>();
        for (Field field : Topics.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == TopicSpec.class) {
                declared.add(field.get(null));
            }
        }

        // then
        assertThat(declared).isNotEmpty();
        assertThat(List.<Object>copyOf(Topics.ALL)).containsExactlyInAnyOrderElementsOf(declared);
    }

    @Test
    void shouldKeepRecordsForeverWhenTopicCarriesReplayedEventTime() {
        // given: the replayed crisis is from September 2023; time-based retention would delete it on arrival
        List<TopicSpec<?, ?>> eventTopics = List.of(Topics.CROSSINGS, Topics.HEARTBEATS, Topics.SUPPLIES);

        // then
        SoftAssertions softly = new SoftAssertions();
        eventTopics.forEach(topic -> softly.assertThat(topic.configs()).as(topic.name())
                .containsEntry("retention.ms", "-1"));
        eventTopics.forEach(topic -> softly.assertThat(topic.isCompacted()).as(topic.name() + " keeps every event").isFalse());
        softly.assertAll();
    }

    @Test
    void shouldCompactWhenTopicHoldsLatestStatePerKey() {
        // given
        List<TopicSpec<?, ?>> stateTopics = List.of(Topics.SITES, Topics.ARRIVALS_HOURLY);

        // then
        SoftAssertions softly = new SoftAssertions();
        stateTopics.forEach(topic -> {
            softly.assertThat(topic.isCompacted()).as(topic.name() + " compacted").isTrue();
            softly.assertThat(topic.configs()).as(topic.name()).containsEntry("cleanup.policy", "compact");
            softly.assertThat(topic.configs().get("cleanup.policy")).as(topic.name() + " never deletes by time")
                    .doesNotContain("delete");
        });
        softly.assertAll();
    }

    @Test
    void shouldServeKeyAndValueWhenTopicIsInCatalogue() {
        // given
        FlowwatchSerdes serdes = new FlowwatchSerdes(new InMemorySchemaRegistryClient());

        // when
        List<Serde<?>> served = Topics.ALL.stream()
                .flatMap(topic -> Arrays.<Serde<?>>asList(serdes.key(topic), serdes.value(topic)).stream())
                .toList();

        // then
        assertThat(served).hasSize(2 * Topics.ALL.size())
                .allSatisfy(serde -> {
                    assertThat(serde.serializer()).isNotNull();
                    assertThat(serde.deserializer()).isNotNull();
                });
    }

    @Test
    void shouldNameValueSubjectAfterTopicWhenUsingTopicNameStrategy() {
        // then
        assertThat(Topics.CROSSINGS.valueSubject()).isEqualTo("flowwatch.crossings.v1-value");
    }
}
