package org.flowwatch.streams.sites.query;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.flowwatch.schemas.avro.Alert;
import org.flowwatch.schemas.avro.AlertKind;
import org.flowwatch.schemas.avro.Severity;

/** The filters of {@code GET /alerts}: kind, severity (at least), region, site, post. Unknown values are refused. */
record AlertFilter(AlertKind kind, Severity minimumSeverity, String region, String site, String post) implements Predicate<Alert> {

    static AlertFilter from(Map<String, String> query) {
        return new AlertFilter(parse(AlertKind.class, "kind", query.get("kind")),
                parse(Severity.class, "severity", query.get("severity")),
                query.get("region"), query.get("site"), query.get("post"));
    }

    @Override
    public boolean test(Alert alert) {
        return (kind == null || alert.getKind() == kind)
                && (minimumSeverity == null || alert.getSeverity().compareTo(minimumSeverity) >= 0)
                && label(alert, "region", region) && label(alert, "site", site) && label(alert, "post", post);
    }

    private static boolean label(Alert alert, String name, String wanted) {
        return wanted == null || wanted.equals(alert.getLabels().get(name));
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String parameter, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadQueryException("parameter '" + parameter + "' must be one of "
                    + Arrays.toString(type.getEnumConstants()) + ", got '" + value + "'");
        }
    }

    /** A query parameter the API cannot use; answered 400 with this message. */
    static final class BadQueryException extends RuntimeException {
        BadQueryException(String message) {
            super(message);
        }
    }
}
