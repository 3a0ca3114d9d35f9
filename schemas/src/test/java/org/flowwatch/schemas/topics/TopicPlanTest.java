package org.flowwatch.schemas.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicPlanTest {

    private static final TopicSpec<String, String> EVENTS = new TopicSpec<>("flowwatch.events.v1", String.class, String.class,
            4, Map.of("retention.ms", "-1"), "events");
    private static final TopicSpec<String, String> TABLE = new TopicSpec<>("flowwatch.table.v1", String.class, String.class,
            1, Map.of("cleanup.policy", "compact", "retention.ms", "-1"), "a table");
    private static final List<TopicSpec<?, ?>> CATALOGUE = List.of(EVENTS, TABLE);

    @Test
    void shouldCreateEveryTopicWhenNoneExists() {
        // when
        TopicPlan plan = TopicPlan.of(CATALOGUE, Map.of(), (short) 3);

        // then
        assertThat(plan.changes()).extracting(TopicChange::describe).containsExactly(
                "create flowwatch.events.v1: 4 partitions, replication 3, retention.ms=-1",
                "create flowwatch.table.v1: 1 partition, replication 3, cleanup.policy=compact, retention.ms=-1");
        assertThat(plan.hasImpossible()).isFalse();
    }

    @Test
    void shouldPlanNothingWhenTheClusterMatchesTheCatalogue() {
        // given: brokers report every effective config, the catalogue names only some
        Map<String, TopicState> existing = Map.of(
                EVENTS.name(), new TopicState(EVENTS.name(), 4, 1, Map.of("retention.ms", "-1", "cleanup.policy", "delete")),
                TABLE.name(), new TopicState(TABLE.name(), 1, 1, Map.of("retention.ms", "-1", "cleanup.policy", "compact",
                        "segment.ms", "604800000")));

        // when
        TopicPlan plan = TopicPlan.of(CATALOGUE, existing, (short) 1);

        // then
        assertThat(plan.isEmpty()).isTrue();
    }

    @Test
    void shouldRaisePartitionsAndAlterOnlyTheConfigsThatDifferWhenATopicDrifted() {
        // given
        Map<String, TopicState> existing = Map.of(
                EVENTS.name(), new TopicState(EVENTS.name(), 2, 1, Map.of("retention.ms", "604800000")),
                TABLE.name(), new TopicState(TABLE.name(), 1, 1, Map.of("retention.ms", "-1", "cleanup.policy", "delete")));

        // when
        TopicPlan plan = TopicPlan.of(CATALOGUE, existing, (short) 1);

        // then
        assertThat(plan.changes()).extracting(TopicChange::describe).containsExactly(
                "partitions flowwatch.events.v1: 2 -> 4",
                "config flowwatch.events.v1: retention.ms 604800000 -> -1",
                "config flowwatch.table.v1: cleanup.policy delete -> compact");
        assertThat(plan.applicable()).hasSize(3);
    }

    @Test
    void shouldRefuseToShrinkWhenATopicHasMorePartitionsThanTheCatalogue() {
        // given
        Map<String, TopicState> existing = Map.of(
                EVENTS.name(), new TopicState(EVENTS.name(), 8, 1, Map.of("retention.ms", "-1")),
                TABLE.name(), new TopicState(TABLE.name(), 1, 1, Map.of("retention.ms", "-1", "cleanup.policy", "compact")));

        // when
        TopicPlan plan = TopicPlan.of(CATALOGUE, existing, (short) 1);

        // then
        assertThat(plan.hasImpossible()).isTrue();
        assertThat(plan.applicable()).isEmpty();
        assertThat(plan.changes()).singleElement().extracting(TopicChange::describe).asString()
                .startsWith("CANNOT flowwatch.events.v1: has 8 partitions, the catalogue 4: Kafka cannot remove partitions");
    }

    @Test
    void shouldReportAnotherReplicationFactorWhenItCannotBeChangedInPlace() {
        // given
        Map<String, TopicState> existing = Map.of(
                EVENTS.name(), new TopicState(EVENTS.name(), 4, 1, Map.of("retention.ms", "-1")));

        // when
        TopicPlan plan = TopicPlan.of(List.of(EVENTS), existing, (short) 3);

        // then
        assertThat(plan.changes()).singleElement().extracting(TopicChange::describe).asString()
                .contains("has replication factor 1, topics.replication.factor is 3");
        assertThat(plan.hasImpossible()).isTrue();
    }
}
