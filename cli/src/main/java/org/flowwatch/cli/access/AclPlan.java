package org.flowwatch.cli.access;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.resource.PatternType;

/**
 * The ACLs to add so every role has what {@link AccessRoles} grants. Only adds: ACLs the cluster has beyond
 * those (granted by hand, or to a principal no longer configured) are left for the operator to remove.
 */
public record AclPlan(List<AclBinding> missing, int inPlace) {

    public AclPlan {
        missing = List.copyOf(missing);
    }

    public static AclPlan of(List<AclBinding> wanted, Collection<AclBinding> existing) {
        List<AclBinding> missing = wanted.stream().distinct().filter(binding -> !existing.contains(binding)).toList();
        return new AclPlan(missing, wanted.size() - missing.size());
    }

    public boolean isEmpty() {
        return missing.isEmpty();
    }

    /** One line, e.g. {@code allow User:post-goris WRITE on topic flowwatch.crossings.v1}. */
    public static String describe(AclBinding binding) {
        var pattern = binding.pattern();
        return "allow " + binding.entry().principal() + " " + binding.entry().operation() + " on "
                + pattern.resourceType().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                + (pattern.patternType() == PatternType.PREFIXED ? " prefix " : " ") + pattern.name();
    }
}
