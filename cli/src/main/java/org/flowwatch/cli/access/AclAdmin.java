package org.flowwatch.cli.access;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.errors.SecurityDisabledException;
import org.flowwatch.schemas.topics.AdminCalls;

/** Reads and adds ACLs on the cluster. */
public final class AclAdmin implements AutoCloseable {

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

    // A cluster with no authorizer answers every ACL call with SecurityDisabledException: say what to change.
    private static <T> T get(KafkaFuture<T> future, String what) {
        return AdminCalls.await(future, what, (message, cause) -> new IllegalStateException(cause instanceof SecurityDisabledException
                ? "could not " + what + ": the cluster has no authorizer (authorizer.class.name), so ACLs cannot be set" : message, cause));
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
