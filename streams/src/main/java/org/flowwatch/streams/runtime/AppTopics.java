package org.flowwatch.streams.runtime;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.flowwatch.schemas.topics.TopicSpec;
import org.flowwatch.schemas.topics.Topics;

/**
 * The catalogue topics a streams app reads and writes, taken from its own topology so they never drift from the
 * code: what its ACLs must allow and which offsets a reset rewinds. Internal topics ({@code <application.id>-...})
 * are not in the catalogue and so not listed.
 *
 * @param inputs       topics its stream threads consume with the app's consumer group
 * @param globalInputs topics read whole into global tables (no consumer group, no committed offsets)
 * @param outputs      topics it writes
 */
public record AppTopics(Set<TopicSpec<?, ?>> inputs, Set<TopicSpec<?, ?>> globalInputs, Set<TopicSpec<?, ?>> outputs) {

    public static AppTopics of(Topology topology) {
        TopologyDescription description = topology.describe();
        Set<String> inputs = new LinkedHashSet<>();
        Set<String> outputs = new LinkedHashSet<>();
        description.subtopologies().forEach(subtopology -> subtopology.nodes().forEach(node -> {
            if (node instanceof TopologyDescription.Source source && source.topicSet() != null) {
                inputs.addAll(source.topicSet());
            } else if (node instanceof TopologyDescription.Sink sink && sink.topic() != null) {
                outputs.add(sink.topic());
            }
        }));
        Set<String> globalInputs = new LinkedHashSet<>();
        description.globalStores().forEach(store -> globalInputs.addAll(store.source().topicSet()));
        return new AppTopics(catalogued(inputs), catalogued(globalInputs), catalogued(outputs));
    }

    /** Every topic it reads, with or without its group. */
    public Set<TopicSpec<?, ?>> allInputs() {
        Set<TopicSpec<?, ?>> all = new LinkedHashSet<>(inputs);
        all.addAll(globalInputs);
        return all;
    }

    private static Set<TopicSpec<?, ?>> catalogued(Collection<String> names) {
        List<TopicSpec<?, ?>> specs = Topics.ALL.stream().filter(spec -> names.contains(spec.name())).toList();
        return new LinkedHashSet<>(specs);
    }
}
