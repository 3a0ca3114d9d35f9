package org.flowwatch.consumers.webhook;

import java.util.Set;
import org.flowwatch.schemas.avro.Alert;
import org.flowwatch.schemas.avro.AlertKind;
import org.flowwatch.schemas.avro.Severity;

/**
 * Which alerts an endpoint wants. An empty set means "any"; a region or site filter needs the alert's
 * {@code region} or {@code site} label to be one of the listed values.
 */
public record AlertFilter(Set<AlertKind> kinds, Set<Severity> severities, Set<String> regions, Set<String> sites) {

    public static final AlertFilter ANY = new AlertFilter(Set.of(), Set.of(), Set.of(), Set.of());

    public AlertFilter {
        kinds = Set.copyOf(kinds);
        severities = Set.copyOf(severities);
        regions = Set.copyOf(regions);
        sites = Set.copyOf(sites);
    }

    public boolean matches(Alert alert) {
        return accepts(kinds, alert.getKind())
                && accepts(severities, alert.getSeverity())
                && accepts(regions, alert.getLabels().get("region"))
                && accepts(sites, alert.getLabels().get("site"));
    }

    private static <T> boolean accepts(Set<T> wanted, T value) {
        return wanted.isEmpty() || (value != null && wanted.contains(value));
    }
}
