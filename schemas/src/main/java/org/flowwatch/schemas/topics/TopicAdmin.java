package org.flowwatch.schemas.topics;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the catalogue's topics ({@link #createMissing}), or reads how they are and brings them in line
 * ({@link #observe}, {@link TopicPlan}, {@link #apply}); safe to run again.
 */
public final class TopicAdmin implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Admin admin;

    public TopicAdmin(Map<String, Object> adminConfig) {
        this.admin = Admin.create(adminConfig);
    }

    public static TopicAdmin forBootstrap(String bootstrapServers) {
        return new TopicAdmin(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /** Creates whichever of {@code specs} do not exist yet; returns the names it created. */
    public List<String> createMissing(Collection<TopicSpec<?, ?>> specs, short replicationFactor) {
        Set<String> existing = call(() -> admin.listTopics().names().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        List<NewTopic> missing = specs.stream()
                .filter(spec -> !existing.contains(spec.name()))
                .map(spec -> new NewTopic(spec.name(), spec.partitions(), replicationFactor).configs(spec.configs()))
                .toList();
        missing.forEach(topic -> call(() -> createIgnoringRace(topic)));
        return missing.stream().map(NewTopic::name).toList();
    }

    /** The catalogue's topics as they exist on the cluster (missing ones are absent from the map). */
    public Map<String, TopicState> observe(Collection<TopicSpec<?, ?>> specs) {
        Set<String> existing = call(() -> admin.listTopics().names().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        List<String> names = specs.stream().map(TopicSpec::name).filter(existing::contains).toList();
        if (names.isEmpty()) {
            return Map.of();
        }
        Map<String, TopicDescription> descriptions = call(() -> admin.describeTopics(names).allTopicNames()
                .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        Map<ConfigResource, Config> configs = call(() -> admin.describeConfigs(names.stream()
                .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList()).all()
                .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        Map<String, TopicState> states = new LinkedHashMap<>();
        descriptions.forEach((name, description) -> states.put(name, new TopicState(name, description.partitions().size(),
                description.partitions().get(0).replicas().size(),
                values(configs.get(new ConfigResource(ConfigResource.Type.TOPIC, name))))));
        return states;
    }

    private static Map<String, String> values(Config config) {
        Map<String, String> values = new LinkedHashMap<>();
        config.entries().forEach(entry -> {
            if (entry.value() != null) {
                values.put(entry.name(), entry.value());
            }
        });
        return values;
    }

    /** Makes the plan's applicable changes, in order; an impossible one is skipped (the plan says why). */
    public void apply(TopicPlan plan) {
        for (TopicChange change : plan.applicable()) {
            if (change instanceof TopicChange.Create create) {
                call(() -> createIgnoringRace(new NewTopic(create.topic(), create.spec().partitions(),
                        create.replicationFactor()).configs(create.spec().configs())));
            } else if (change instanceof TopicChange.AddPartitions add) {
                call(() -> admin.createPartitions(Map.of(add.topic(), NewPartitions.increaseTo(add.to())))
                        .all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
            } else if (change instanceof TopicChange.AlterConfigs alter) {
                call(() -> admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, alter.topic()),
                        setting(alter.to()))).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
            }
        }
    }

    private static List<AlterConfigOp> setting(Map<String, String> configs) {
        return configs.entrySet().stream()
                .map(entry -> new AlterConfigOp(new ConfigEntry(entry.getKey(), entry.getValue()), AlterConfigOp.OpType.SET))
                .toList();
    }

    private Void createIgnoringRace(NewTopic topic) throws Exception {
        try {
            admin.createTopics(List.of(topic)).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            // Another instance created it between our listing and our create: that is the outcome we wanted.
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
        return null;
    }

    private static <T> T call(Checked<T> action) {
        try {
            return action.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TopicAdminException("interrupted while talking to Kafka", e);
        } catch (ExecutionException e) {
            throw new TopicAdminException("Kafka refused the topic change: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new TopicAdminException("Kafka did not answer within " + TIMEOUT.toSeconds() + " s: is the broker up?", e);
        } catch (Exception e) {
            throw new TopicAdminException(e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }

    @FunctionalInterface
    private interface Checked<T> {
        T get() throws Exception;
    }

    /** A topic could not be listed or created; the message says why in words an operator can act on. */
    public static final class TopicAdminException extends RuntimeException {
        TopicAdminException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
