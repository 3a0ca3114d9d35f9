package org.flowwatch.schemas.topics;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates the catalogue's topics; safe to run again (existing topics are left as they are). */
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
