package org.flowwatch.consumers.console;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Locale;
import org.flowwatch.schemas.avro.ItemStatus;
import org.flowwatch.schemas.avro.SiteStatus;

/**
 * One site in one line, for the demo's running display: its people (and whether that went up or down since the line
 * before), and the item that runs out first, e.g. {@code SITE Goris reception centre   4,210 people (up)   water runs out
 * in ~14 h (Mon 22:10)}.
 */
public final class SiteLine {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE HH:mm", Locale.ENGLISH);

    private SiteLine() {
    }

    /** @param previousPopulation the population the line before showed, or null for the first line of the site */
    public static String of(SiteStatus site, Long previousPopulation, ZoneId zone) {
        String trend = previousPopulation == null || previousPopulation == site.getPopulation() ? ""
                : site.getPopulation() > previousPopulation ? " (up)" : " (down)";
        String people = String.format(Locale.UK, "%,d people%s%s", site.getPopulation(), trend,
                site.getPopulationEstimated() ? ", estimated" : "");
        String soonest = site.getItems().stream().filter(item -> item.getRunsOutAt() != null && item.getHoursToRunOut() != null)
                .min(Comparator.comparingDouble(ItemStatus::getHoursToRunOut))
                .map(item -> item.getStock() <= 0 // not "runs out in ~0 h": it is gone
                        ? String.format(Locale.UK, "%s HAS RUN OUT (%s)", item.getItemId(), WHEN.withZone(zone).format(item.getRunsOutAt()))
                        : String.format(Locale.UK, "%s runs out in ~%,d h (%s)", item.getItemId(), Math.round(item.getHoursToRunOut()),
                                WHEN.withZone(zone).format(item.getRunsOutAt())))
                .orElse("nothing runs out within 72 h");
        long unreported = site.getItems().stream().filter(item -> !item.getReported()).count();
        return String.format(Locale.UK, "SITE %-28s %-26s %s%s", site.getName(), people, soonest,
                unreported == 0 ? "" : String.format("; %d item%s not reported", unreported, unreported == 1 ? "" : "s"));
    }
}
