package org.flowwatch.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.clients.CommonClientConfigs;
import org.flowwatch.embedded.EmbeddedStack;
import org.flowwatch.schemas.config.Settings;
import org.flowwatch.schemas.topics.TopicAdmin;
import org.flowwatch.schemas.topics.TopicSpec;
import org.flowwatch.schemas.topics.Topics;

/**
 * A private embedded broker and registry with every catalogue topic, empty: sections that start apps from the
 * earliest offset (latency, replay) take a fresh one so no earlier section's records become their backlog.
 */
final class BenchStack implements AutoCloseable {

    private final EmbeddedStack stack;
    private final Map<String, Object> kafka;
    private final Map<String, String> wiring;
    private final Function<Map<String, String>, Settings> settingsFor;

    private BenchStack(EmbeddedStack stack, Function<Map<String, String>, Settings> callerSettings) {
        this.stack = stack;
        this.kafka = Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        this.wiring = Map.of("kafka.bootstrap.servers", stack.bootstrapServers(), "registry.url", stack.registryUrl());
        this.settingsFor = overrides -> {
            Map<String, String> all = new LinkedHashMap<>(overrides);
            all.putAll(wiring);
            return callerSettings.apply(all);
        };
    }

    static BenchStack start(Path dir, Function<Map<String, String>, Settings> callerSettings) {
        return start(dir, callerSettings, Topics.CROSSINGS.partitions());
    }

    /** The same, with the crossings topic (the input of every section) in this many partitions. */
    static BenchStack start(Path dir, Function<Map<String, String>, Settings> callerSettings, int inputPartitions) {
        BenchStack started = new BenchStack(EmbeddedStack.start(dir, 0, 0), callerSettings);
        TopicSpec<?, ?> input = Topics.CROSSINGS;
        try (TopicAdmin admin = new TopicAdmin(started.kafka)) {
            admin.createMissing(List.of(new TopicSpec<>(input.name(), input.keyType(), input.valueType(), inputPartitions,
                    input.configs(), input.purpose())), (short) 1);
            admin.createMissing(Topics.ALL, (short) 1);
        }
        return started;
    }

    Map<String, Object> kafka() {
        return kafka;
    }

    /** The caller's settings pointed at this stack, with the given overrides on top. */
    Settings settings(Map<String, String> overrides) {
        return settingsFor.apply(overrides);
    }

    @Override
    public void close() {
        stack.close();
    }
}
