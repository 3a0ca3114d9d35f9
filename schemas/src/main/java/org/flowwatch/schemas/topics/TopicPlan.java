package org.flowwatch.schemas.topics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code flowwatch topics apply} has to do so the cluster matches the catalogue: create what is missing, add
 * partitions where there are fewer, set configs that differ. Kafka cannot take partitions away or change the
 * replication factor of a topic in place: those differences are planned as {@link TopicChange.Impossible}.
 * Configs the catalogue does not name are left as the cluster has them.
 */
public record TopicPlan(List<TopicChange> changes) {

    public TopicPlan {
        changes = List.copyOf(changes);
    }

    /** @param existing the catalogue's topics that exist on the cluster, by name */
    public static TopicPlan of(Collection<TopicSpec<?, ?>> catalogue, Map<String, TopicState> existing, short replicationFactor) {
        List<TopicChange> changes = new ArrayList<>();
        for (TopicSpec<?, ?> spec : catalogue) {
            TopicState state = existing.get(spec.name());
            if (state == null) {
                changes.add(new TopicChange.Create(spec, replicationFactor));
            } else {
                changes.addAll(differences(spec, state, replicationFactor));
            }
        }
        return new TopicPlan(changes);
    }

    private static List<TopicChange> differences(TopicSpec<?, ?> spec, TopicState state, short replicationFactor) {
        List<TopicChange> changes = new ArrayList<>();
        if (state.partitions() < spec.partitions()) {
            changes.add(new TopicChange.AddPartitions(spec.name(), state.partitions(), spec.partitions()));
        } else if (state.partitions() > spec.partitions()) {
            changes.add(new TopicChange.Impossible(spec.name(), "has " + state.partitions() + " partitions, the catalogue "
                    + spec.partitions() + ": Kafka cannot remove partitions (recreate the topic, or raise the catalogue's count)"));
        }
        if (state.replicationFactor() != replicationFactor) {
            changes.add(new TopicChange.Impossible(spec.name(), "has replication factor " + state.replicationFactor()
                    + ", topics.replication.factor is " + replicationFactor + ": reassign its partitions with kafka-reassign-partitions"));
        }
        Map<String, String> from = new LinkedHashMap<>();
        Map<String, String> to = new LinkedHashMap<>();
        spec.configs().forEach((key, wanted) -> {
            String actual = state.configs().get(key);
            if (!wanted.equals(actual)) {
                from.put(key, actual == null ? "(unset)" : actual);
                to.put(key, wanted);
            }
        });
        if (!to.isEmpty()) {
            changes.add(new TopicChange.AlterConfigs(spec.name(), from, to));
        }
        return changes;
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }

    /** Whether some difference cannot be applied: the command then exits non-zero. */
    public boolean hasImpossible() {
        return changes.stream().anyMatch(TopicChange.Impossible.class::isInstance);
    }

    /** The changes Kafka can make. */
    public List<TopicChange> applicable() {
        return changes.stream().filter(change -> !(change instanceof TopicChange.Impossible)).toList();
    }
}
