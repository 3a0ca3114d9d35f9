package org.flowwatch.schemas.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
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
        TopicPlan plan = plan(CATALOGUE, (short) 3);

        // then
        assertThat(plan.changes()).extracting(TopicChange::describe).containsExactly(
                "create flowwatch.events.v1: 4 partitions, replication 3, retention.ms=-1",
                "create flowwatch.table.v1: 1 partition, replication 3, cleanup.policy=compact, retention.ms=-1");
        assertThat(plan.hasImpossible()).isFalse();
    }

    @Test
    void shouldPlanNothingWhenTheClusterMatchesTheCatalogue() {
        // given: brokers report every effective config, the catalogue names only some
        TopicState events = onOneReplica(EVENTS, 4, Map.of("retention.ms", "-1", "cleanup.policy", "delete"));
        TopicState table = onOneReplica(TABLE, 1, Map.of("retention.ms", "-1", "cleanup.policy", "compact",
                "segment.ms", "604800000"));

        // when
        TopicPlan plan = plan(CATALOGUE, (short) 1, events, table);

        // then
        assertThat(plan.isEmpty()).isTrue();
    }

    @Test
    void shouldRaisePartitionsAndAlterOnlyTheConfigsThatDifferWhenATopicDrifted() {
        // given
        TopicState events = onOneReplica(EVENTS, 2, Map.of("retention.ms", "604800000"));
        TopicState table = onOneReplica(TABLE, 1, Map.of("retention.ms", "-1", "cleanup.policy", "delete"));

        // when
        TopicPlan plan = plan(CATALOGUE, (short) 1, events, table);

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
        TopicState events = onOneReplica(EVENTS, 8, Map.of("retention.ms", "-1"));
        TopicState table = onOneReplica(TABLE, 1, Map.of("retention.ms", "-1", "cleanup.policy", "compact"));

        // when
        TopicPlan plan = plan(CATALOGUE, (short) 1, events, table);

        // then
        assertThat(plan.hasImpossible()).isTrue();
        assertThat(plan.applicable()).isEmpty();
        assertThat(plan.changes()).singleElement().extracting(TopicChange::describe).asString()
                .startsWith("CANNOT flowwatch.events.v1: has 8 partitions, the catalogue 4: Kafka cannot remove partitions");
    }

    @Test
    void shouldReportAnotherReplicationFactorWhenItCannotBeChangedInPlace() {
        // given
        TopicState events = onOneReplica(EVENTS, 4, Map.of("retention.ms", "-1"));

        // when
        TopicPlan plan = plan(List.of(EVENTS), (short) 3, events);

        // then
        assertThat(plan.changes()).singleElement().extracting(TopicChange::describe).asString()
                .contains("has replication factor 1, topics.replication.factor is 3");
        assertThat(plan.hasImpossible()).isTrue();
    }

    /** The plan for a cluster that holds {@code existing}, each under its own name. */
    private static TopicPlan plan(List<TopicSpec<?, ?>> catalogue, short replicationFactor, TopicState... existing) {
        return TopicPlan.of(catalogue, Arrays.stream(existing).collect(Collectors.toMap(TopicState::name, state -> state)),
                replicationFactor);
    }

    /** {@code topic} as the brokers report it: {@code partitions} partitions of one replica, {@code configs} set. */
    private static TopicState onOneReplica(TopicSpec<?, ?> topic, int partitions, Map<String, String> configs) {
        return new TopicState(topic.name(), partitions, 1, configs);
    }
}
