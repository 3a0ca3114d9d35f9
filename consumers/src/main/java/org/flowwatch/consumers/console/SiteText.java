package org.flowwatch.consumers.console;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.flowwatch.schemas.avro.ExpectedDelivery;
import org.flowwatch.schemas.avro.ItemStatus;
import org.flowwatch.schemas.avro.NeedBasis;
import org.flowwatch.schemas.avro.SiteStatus;
import org.flowwatch.schemas.avro.VulnerablePeople;

/**
 * One site as lines for a terminal: population and vulnerable people, then per item, most urgent first, when it runs
 * out (with the band), what is left, the last count and the convoys expected or overdue. Times are in the operation's
 * zone and relative to the site's {@code updatedAt} (the operation clock: in a replay of 2023, a 2023 time).
 */
final class SiteText {

    /** The run-out projection looks this far ahead: beyond it {@code runsOutAt} is null. */
    static final int HORIZON_HOURS = 72;
    /** Sites in the order to read them: the soonest run-out first, then sites with items never reported. */
    static final Comparator<SiteStatus> MOST_URGENT_FIRST = Comparator.comparingDouble(SiteText::soonestRunOut)
            .thenComparing(site -> site.getItems().stream().noneMatch(SiteText::unreported))
            .thenComparingDouble(SiteText::leastCover).thenComparing(SiteStatus::getSiteId);
    private static final Comparator<ItemStatus> ITEMS_MOST_URGENT_FIRST = Comparator.comparingDouble(SiteText::hoursToRunOut)
            .thenComparing(item -> !unreported(item)).thenComparingDouble(SiteText::cover).thenComparing(ItemStatus::getItemId);
    private static final DateTimeFormatter DAY_AND_TIME = DateTimeFormatter.ofPattern("EEE HH:mm", Locale.ENGLISH);
    private static final Map<String, String> UNITS = Map.of("litre", "L", "liter", "L", "square_metre", "m2", "square_meter", "m2");
    private static final String INDENT = "          ";

    private final ZoneId zone;

    SiteText(ZoneId zone) {
        this.zone = zone;
    }

    /** The site's lines, the first unindented; {@code severity} is the worst open alert's ("ok" for none). */
    List<String> lines(SiteStatus site, String severity) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format("%-9s %s%s: %s, capacity %s; as of %s", site.getSiteId(), site.getName(),
                severity == null || severity.equals("ok") ? "" : " [" + severity.toUpperCase(Locale.ROOT) + "]",
                population(site), site.getCapacityPeople() == null ? "not set" : String.format("%,d", site.getCapacityPeople()),
                at(site.getUpdatedAt())));
        lines.add(INDENT + "vulnerable: " + vulnerable(site.getVulnerable()));
        if (site.getArrivalsPerHour() > 0 || site.getDeparturesPerHour() > 0) {
            lines.add(INDENT + String.format("expected in the coming hour: %,.0f arriving, %,.0f leaving", site.getArrivalsPerHour(),
                    site.getDeparturesPerHour()));
        }
        int width = site.getItems().stream().mapToInt(item -> item.getItemId().length()).max().orElse(0);
        site.getItems().stream().sorted(ITEMS_MOST_URGENT_FIRST).forEach(item -> {
            lines.add(INDENT + String.format("%-" + width + "s  %s", item.getItemId(), item(item, site.getUpdatedAt())));
            item.getExpectedDeliveries().stream().sorted(Comparator.comparing(ExpectedDelivery::getExpectedAt))
                    .forEach(convoy -> lines.add(INDENT + " ".repeat(width + 2) + convoy(convoy, item.getUnit())));
        });
        return lines;
    }

    private String population(SiteStatus site) {
        String people = String.format("%,d people", site.getPopulation());
        return site.getPopulationEstimated() ? people + String.format(" (estimated: the transit model counts %,d as moved on)",
                site.getEstimatedDepartures()) : people;
    }

    private static String vulnerable(VulnerablePeople people) {
        if (people == null) {
            return "not known";
        }
        String counted = Stream.of(count(people.getUnaccompaniedChildren(), "unaccompanied children"),
                        count(people.getDisabled(), "with disabilities"), count(people.getNeedsMedicalCare(), "needing medical care"),
                        count(people.getPregnant(), "pregnant"), count(people.getOver60(), "over 60"))
                .filter(Objects::nonNull).collect(Collectors.joining(", "));
        return counted.isEmpty() ? "none recorded" : counted;
    }

    private static String count(long people, String who) {
        return people == 0 ? null : String.format("%,d %s", people, who);
    }

    private String item(ItemStatus item, Instant now) {
        if (unreported(item)) {
            return "not reported";
        }
        List<String> parts = new ArrayList<>();
        parts.add(runOut(item, now));
        parts.add((item.getEstimated() ? "about " : "") + quantity(item.getStock(), item.getUnit())
                + (item.getBasis() == NeedBasis.DAILY_CONSUMPTION ? " left" : "") + (item.getPerPerson() == null ? "" : String.format(" (%.1f per person, minimum %.1f)", item.getPerPerson(),
                item.getMinimumPerPerson())));
        if (item.getCountedAt() != null && item.getCountedStock() != null) {
            parts.add("counted " + ago(item.getCountedAt(), now) + ": " + quantity(item.getCountedStock(), item.getUnit()));
        }
        if (item.getOverdrawnAt() != null) {
            parts.add("overdrawn " + at(item.getOverdrawnAt()) + " (the estimate was too high)");
        }
        return parts.stream().filter(Objects::nonNull).collect(Collectors.joining("; "));
    }

    private String runOut(ItemStatus item, Instant now) {
        if (item.getBasis() != NeedBasis.DAILY_CONSUMPTION) {
            return null;
        }
        if (item.getRunsOutAt() == null) {
            return item.getNeedPerDay() == null || item.getNeedPerDay() == 0 ? "not used" : "lasts beyond " + HORIZON_HOURS + " h";
        }
        double hours = item.getHoursToRunOut() != null ? item.getHoursToRunOut() : hoursBetween(now, item.getRunsOutAt());
        if (hours <= 0) {
            return "HAS RUN OUT (" + at(item.getRunsOutAt()) + ")";
        }
        String band = item.getRunsOutEarliest() == null ? "" : ", band " + Math.round(hoursBetween(now, item.getRunsOutEarliest()))
                + (item.getRunsOutLatest() == null ? " h to beyond " + HORIZON_HOURS + " h"
                : "-" + Math.round(hoursBetween(now, item.getRunsOutLatest())) + " h");
        return String.format("runs out in ~%d h (%s%s)", Math.round(hours), at(item.getRunsOutAt()), band);
    }

    private String convoy(ExpectedDelivery convoy, String unit) {
        return String.format("convoy %s with %s %s %s", convoy.getConvoyId(), quantity(convoy.getQuantity(), unit),
                convoy.getCounted() ? "expected" : "OVERDUE since", at(convoy.getExpectedAt()))
                + (convoy.getCounted() ? "" : " (no longer counted on)");
    }

    private String at(Instant time) {
        return DAY_AND_TIME.format(time.atZone(zone));
    }

    private static String ago(Instant then, Instant now) {
        long hours = Math.round(hoursBetween(then, now));
        return hours >= 48 ? hours / 24 + " days ago" : hours + " h ago";
    }

    private static String quantity(double value, String unit) {
        String shown = value != 0 && Math.abs(value) < 10 ? String.format("%.1f", value) : String.format("%,.0f", value);
        return shown + " " + UNITS.getOrDefault(unit, unit);
    }

    private static double hoursBetween(Instant from, Instant to) {
        return Duration.between(from, to).toMinutes() / 60.0;
    }

    static boolean unreported(ItemStatus item) {
        return !item.getReported();
    }

    private static double hoursToRunOut(ItemStatus item) {
        return item.getRunsOutAt() == null || item.getHoursToRunOut() == null ? Double.POSITIVE_INFINITY : item.getHoursToRunOut();
    }

    private static double cover(ItemStatus item) {
        return item.getDaysOfCover() == null ? Double.POSITIVE_INFINITY : item.getDaysOfCover();
    }

    private static double soonestRunOut(SiteStatus site) {
        return site.getItems().stream().mapToDouble(SiteText::hoursToRunOut).min().orElse(Double.POSITIVE_INFINITY);
    }

    private static double leastCover(SiteStatus site) {
        return site.getItems().stream().filter(item -> !unreported(item)).mapToDouble(SiteText::cover).min()
                .orElse(Double.POSITIVE_INFINITY);
    }
}
