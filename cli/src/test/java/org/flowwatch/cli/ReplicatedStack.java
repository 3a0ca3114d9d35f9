package org.flowwatch.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.Admin;
import org.flowwatch.embedded.EmbeddedKafkaCluster;
import org.flowwatch.embedded.EmbeddedRegistry;
import org.flowwatch.schemas.config.CommonSettings;
import org.flowwatch.schemas.config.Settings;
import org.flowwatch.schemas.topics.TopicAdmin;
import org.flowwatch.schemas.topics.Topics;

/**
 * What a fault test runs on: a three-broker cluster with every topic of the catalogue at replication factor 3
 * (min.insync.replicas 2), a registry, and the 2023 sites published as the demo does.
 */
final class ReplicatedStack implements AutoCloseable {

    static final short REPLICATION = 3;

    private final EmbeddedKafkaCluster kafka;
    private final EmbeddedRegistry registry;

    private ReplicatedStack(EmbeddedKafkaCluster kafka, EmbeddedRegistry registry) {
        this.kafka = kafka;
        this.registry = registry;
    }

    /** Brokers listen on {@code host} (an address of this machine; 127.0.0.1 unless a test needs another). */
    static ReplicatedStack start(Path dir, String host) {
        CompletableFuture<EmbeddedRegistry> registry = CompletableFuture.supplyAsync(() -> EmbeddedRegistry.start(dir.resolve("registry"), 0));
        EmbeddedKafkaCluster kafka;
        try {
            kafka = EmbeddedKafkaCluster.start(dir.resolve("kafka"), REPLICATION, host);
        } catch (RuntimeException failed) {
            registry.join().close(); // no registry process outlives a failed start
            throw failed;
        }
        ReplicatedStack stack = new ReplicatedStack(kafka, registry.join());
        Settings settings = stack.settings(Map.of());
        try (TopicAdmin admin = new TopicAdmin(CommonSettings.kafkaClient(settings))) {
            admin.createMissing(Topics.ALL, REPLICATION);
        }
        ReferenceCommand.publishDefaults(settings);
        return stack;
    }

    EmbeddedKafkaCluster kafka() {
        return kafka;
    }

    EmbeddedRegistry registry() {
        return registry;
    }

    /** The broker coordinating consumer group {@code groupId} (for a Streams app: its application id). */
    int coordinatorOf(String groupId) throws Exception {
        try (Admin admin = Admin.create(CommonSettings.kafkaClient(settings(Map.of())))) {
            return admin.describeConsumerGroups(List.of(groupId)).all().get().get(groupId).coordinator().id();
        }
    }

    /** How many members consumer group {@code groupId} has now. */
    int membersOf(String groupId) throws Exception {
        try (Admin admin = Admin.create(CommonSettings.kafkaClient(settings(Map.of())))) {
            return admin.describeConsumerGroups(List.of(groupId)).all().get().get(groupId).members().size();
        }
    }

    /** The layered settings as the cli loads them (every app's defaults), pointed at this stack. */
    Settings settings(Map<String, String> overrides) {
        ConfigOptions config = new ConfigOptions();
        config.overrides = new LinkedHashMap<>(Map.of("kafka.bootstrap.servers", kafka.bootstrapServers(),
                "registry.url", registry.url(), "topics.replication.factor", Short.toString(REPLICATION)));
        config.overrides.putAll(overrides);
        return config.load();
    }

    @Override
    public void close() {
        try {
            registry.close();
        } finally {
            kafka.close();
        }
    }
}
