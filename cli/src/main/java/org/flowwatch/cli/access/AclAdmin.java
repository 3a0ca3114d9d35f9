package org.flowwatch.cli.access;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.errors.SecurityDisabledException;

/** Reads and adds ACLs on the cluster. */
public final class AclAdmin implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Admin admin;

    public AclAdmin(Map<String, Object> adminConfig) {
        this.admin = Admin.create(adminConfig);
    }

    public Collection<AclBinding> existing() {
        return get(admin.describeAcls(AclBindingFilter.ANY).values(), "read the ACLs");
    }

    public void add(List<AclBinding> bindings) {
        if (!bindings.isEmpty()) {
            get(admin.createAcls(bindings).all(), "add ACLs");
        }
    }

    private static <T> T get(KafkaFuture<T> future, String what) {
        try {
            return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while trying to " + what, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SecurityDisabledException) {
                throw new IllegalStateException("could not " + what + ": the cluster has no authorizer (authorizer.class.name), "
                        + "so ACLs cannot be set", e.getCause());
            }
            throw new IllegalStateException("could not " + what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer within " + TIMEOUT.toSeconds() + " s to " + what, e);
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
