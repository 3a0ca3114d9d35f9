package org.flowwatch.consumers.export;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * One line of an export: a post, a region or the whole operation in one hour or day. A count column is absent when
 * it was not observed (no sex and age breakdown); {@code suppressed} lists the columns hidden in a public export.
 *
 * @param scope    post, region or all
 * @param scopeId  post id, adm1 code or "all"
 * @param date     ISO-8601: a local date for days, a local date-time with offset for hours
 */
public record ExportRow(String scope, String scopeId, String date, String adm1Code, String adm1Name, String location,
                        String direction, String status, Map<Column, Long> counts, Set<Column> suppressed) {

    public ExportRow {
        counts = counts.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(counts));
        suppressed = suppressed.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(suppressed));
    }

    /** The value shown: empty when not observed or suppressed. */
    public String shown(Column column) {
        Long value = counts.get(column);
        return value == null || suppressed.contains(column) ? "" : value.toString();
    }

    ExportRow withSuppressed(Set<Column> columns) {
        return new ExportRow(scope, scopeId, date, adm1Code, adm1Name, location, direction, status, counts, columns);
    }
}
