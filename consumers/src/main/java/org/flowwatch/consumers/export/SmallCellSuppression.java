package org.flowwatch.consumers.export;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Hides small numbers of people in a public export. Primary: every count from 1 to threshold - 1 (zeros stay: they
 * reveal no one). Secondary: wherever parts add up to a shown total (female + male, the age bands, the posts of a
 * region, the regions of the operation), a single hidden part could be computed back, so the smallest other part
 * (or, if none, the total) is hidden too, until no sum gives a hidden cell away. Written by hand: sdcMicro and
 * tau-Argus are not on the JVM, and the rule for these few fixed sums is short.
 */
public final class SmallCellSuppression {

    private SmallCellSuppression() {
    }

    public static List<ExportRow> apply(List<ExportRow> rows, int threshold) {
        List<Set<Column>> hidden = rows.stream().map(row -> primary(row, threshold)).collect(Collectors.toCollection(ArrayList::new));
        List<Sum> sums = sums(rows);
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Sum sum : sums) {
                changed |= protect(sum, rows, hidden);
            }
        }
        return IntStream.range(0, rows.size()).mapToObj(i -> rows.get(i).withSuppressed(hidden.get(i))).toList();
    }

    private static Set<Column> primary(ExportRow row, int threshold) {
        Set<Column> hidden = EnumSet.noneOf(Column.class);
        row.counts().forEach((column, value) -> {
            if (column.people() && value > 0 && value < threshold) {
                hidden.add(column);
            }
        });
        return hidden;
    }

    /** Hides one more cell if exactly one part of a shown total is hidden; true if it did. */
    private static boolean protect(Sum sum, List<ExportRow> rows, List<Set<Column>> hidden) {
        List<Cell> parts = sum.parts().stream().filter(cell -> cell.value(rows) != null).toList();
        if (sum.total().value(rows) == null || sum.total().isHidden(hidden)
                || parts.stream().filter(cell -> cell.isHidden(hidden)).count() != 1) {
            return false;
        }
        Optional<Cell> smallestShown = parts.stream().filter(cell -> !cell.isHidden(hidden))
                .min(Comparator.comparing(cell -> cell.value(rows)));
        Cell next = smallestShown.orElse(sum.total());
        hidden.get(next.row()).add(next.column());
        return true;
    }

    private static List<Sum> sums(List<ExportRow> rows) {
        List<Sum> sums = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            sums.add(withinRow(i, Column.SEXES));
            sums.add(withinRow(i, Column.AGES));
            sums.addAll(acrossRows(rows, i));
        }
        return sums;
    }

    private static Sum withinRow(int row, Column[] parts) {
        return new Sum(List.of(parts).stream().map(column -> new Cell(row, column)).toList(), new Cell(row, Column.PEOPLE));
    }

    /** A region row is the sum of its posts' rows; the operation's row the sum of its regions' rows. */
    private static List<Sum> acrossRows(List<ExportRow> rows, int totalRow) {
        ExportRow total = rows.get(totalRow);
        String partScope = switch (total.scope()) {
            case "region" -> "post";
            case "all" -> "region";
            default -> null;
        };
        if (partScope == null) {
            return List.of();
        }
        List<Integer> partRows = IntStream.range(0, rows.size()).filter(i -> {
            ExportRow part = rows.get(i);
            return part.scope().equals(partScope) && part.date().equals(total.date()) && part.direction().equals(total.direction())
                    && (total.scope().equals("all") || part.adm1Code().equals(total.adm1Code()));
        }).boxed().toList();
        return List.of(Column.values()).stream()
                .map(column -> new Sum(partRows.stream().map(i -> new Cell(i, column)).toList(), new Cell(totalRow, column)))
                .toList();
    }

    private record Cell(int row, Column column) {
        Long value(List<ExportRow> rows) {
            return rows.get(row).counts().get(column);
        }

        boolean isHidden(List<Set<Column>> hidden) {
            return hidden.get(row).contains(column);
        }
    }

    private record Sum(List<Cell> parts, Cell total) {
    }
}
