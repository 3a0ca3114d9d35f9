package org.flowwatch.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.flowwatch.embedded.EmbeddedKafkaCluster;
import org.flowwatch.embedded.EmbeddedRegistry;
import org.flowwatch.embedded.KafkaProcessCluster;
import org.flowwatch.schemas.config.CommonSettings;
import org.flowwatch.schemas.config.Settings;
import org.flowwatch.schemas.topics.Topics;

/**
 * What a fault test runs on: a three-broker cluster with every topic of the catalogue at replication factor 3
 * (min.insync.replicas 2), a registry, and the 2023 sites published as the demo does.
 *
 * <p>Two kinds of cluster: {@link EmbeddedKafkaCluster} (brokers in this JVM, one dedicated controller; brokers stop
 * cleanly) and {@link KafkaProcessCluster} (three combined broker-controller nodes in child JVMs; any node can be
 * SIGKILLed, the active controller included). {@code K} is the kind, so a test reaches its fault controls.
 *
 * @param bootstrapServers {@code host:port} of every broker, stopped or killed ones included (clients skip those they
 *     cannot reach)
 */
record ReplicatedStack<K extends AutoCloseable>(K kafka, String bootstrapServers, EmbeddedRegistry registry) implements AutoCloseable {

    static final short REPLICATION = 3;

    /** Brokers in this JVM listening on {@code host} (an address of this machine; 127.0.0.1 unless a test needs another). */
    static ReplicatedStack<EmbeddedKafkaCluster> start(Path dir, String host) {
        return start(dir, () -> EmbeddedKafkaCluster.start(dir.resolve("kafka"), REPLICATION, host),
                EmbeddedKafkaCluster::bootstrapServers);
    }

    /** Three combined nodes (broker + controller voter), each a child JVM that can be killed with SIGKILL, on 127.0.0.1. */
    static ReplicatedStack<KafkaProcessCluster> startInChildProcesses(Path dir) {
        return start(dir, () -> KafkaProcessCluster.start(dir.resolve("kafka"), REPLICATION),
                KafkaProcessCluster::bootstrapServers);
    }

    private static <K extends AutoCloseable> ReplicatedStack<K> start(Path dir, Supplier<K> cluster, Function<K, String> bootstrap) {
        // The registry (a child JVM too) starts while the cluster does: together they take as long as the slower one.
        CompletableFuture<EmbeddedRegistry> registry = CompletableFuture.supplyAsync(() -> EmbeddedRegistry.start(dir.resolve("registry"), 0));
        K kafka;
        try {
            kafka = cluster.get();
        } catch (RuntimeException failed) {
            registry.join().close(); // no registry process outlives a failed start
            throw failed;
        }
        ReplicatedStack<K> stack = new ReplicatedStack<>(kafka, bootstrap.apply(kafka), registry.join());
        Settings settings = stack.settings(Map.of()); // topics.replication.factor is REPLICATION
        TopicsCommand.createMissing(settings, Topics.ALL);
        ReferenceCommand.publishDefaults(settings);
        return stack;
    }

    /** The broker coordinating consumer group {@code groupId} (for a Streams app: its application id). */
    int coordinatorOf(String groupId) throws Exception {
        return group(groupId).coordinator().id();
    }

    /** How many members consumer group {@code groupId} has now. */
    int membersOf(String groupId) throws Exception {
        return group(groupId).members().size();
    }

    private ConsumerGroupDescription group(String groupId) throws Exception {
        try (Admin admin = Admin.create(CommonSettings.kafkaClient(settings(Map.of())))) {
            return admin.describeConsumerGroups(List.of(groupId)).all().get().get(groupId);
        }
    }

    /** The layered settings as the cli loads them (every app's defaults), pointed at this stack. */
    Settings settings(Map<String, String> overrides) {
        ConfigOptions config = new ConfigOptions();
        config.overrides = new LinkedHashMap<>(Map.of("kafka.bootstrap.servers", bootstrapServers,
                "registry.url", registry.url(), "topics.replication.factor", Short.toString(REPLICATION)));
        config.overrides.putAll(overrides);
        return config.load();
    }

    @Override
    public void close() {
        try {
            registry.close();
        } finally {
            closeCluster();
        }
    }

    private void closeCluster() {
        try {
            kafka.close();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) { // neither cluster's close() throws a checked exception, though AutoCloseable's may
            throw new IllegalStateException("could not close the kafka cluster", e);
        }
    }
}
