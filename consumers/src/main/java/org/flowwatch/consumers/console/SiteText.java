package org.flowwatch.consumers.console;

import com.ibm.icu.text.DateFormat;
import com.ibm.icu.util.TimeZone;
import com.ibm.icu.util.ULocale;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
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
import org.flowwatch.schemas.i18n.Messages;

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
    private static final String INDENT = "          ";

    private final Messages words;
    private final DateFormat dayAndTime;

    /** Lines in {@code words}' language ({@code console.*}), times in the operation's {@code zone}. */
    SiteText(ZoneId zone, Messages words) {
        this.words = words;
        this.dayAndTime = DateFormat.getInstanceForSkeleton("EEEHHmm", ULocale.forLocale(words.locale()));
        dayAndTime.setTimeZone(TimeZone.getTimeZone(zone.getId()));
    }

    /** The site's lines, the first unindented; {@code severity} is the worst open alert's ("ok" for none). */
    List<String> lines(SiteStatus site, String severity) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format("%-9s %s", site.getSiteId(), say("console.site.head", "name", site.getName(), "severity",
                severity == null || severity.equals("ok") ? "" : " [" + severity.toUpperCase(Locale.ROOT) + "]",
                "population", population(site), "capacity", site.getCapacityPeople() == null ? say("console.site.capacityUnset")
                        : say("console.number", "n", site.getCapacityPeople()), "at", at(site.getUpdatedAt()))));
        lines.add(INDENT + say("console.site.vulnerable", "people", vulnerable(site.getVulnerable())));
        if (site.getArrivalsPerHour() > 0 || site.getDeparturesPerHour() > 0) {
            lines.add(INDENT + say("console.site.expected", "arriving", Math.round(site.getArrivalsPerHour()),
                    "leaving", Math.round(site.getDeparturesPerHour())));
        }
        int width = site.getItems().stream().mapToInt(item -> name(item).length()).max().orElse(0);
        site.getItems().stream().sorted(ITEMS_MOST_URGENT_FIRST).forEach(item -> {
            lines.add(INDENT + String.format("%-" + width + "s  %s", name(item), item(item, site.getUpdatedAt())));
            item.getExpectedDeliveries().stream().sorted(Comparator.comparing(ExpectedDelivery::getExpectedAt))
                    .forEach(convoy -> lines.add(INDENT + " ".repeat(width + 2) + convoy(convoy, item.getUnit())));
        });
        return lines;
    }

    /** The item's name in this language ({@code item.<id>}), or its id. */
    private String name(ItemStatus item) {
        return words.has("item." + item.getItemId()) ? say("item." + item.getItemId()) : item.getItemId();
    }

    private String population(SiteStatus site) {
        String people = say("count.people", "n", site.getPopulation());
        return site.getPopulationEstimated() ? say("console.site.estimated", "people", people, "n", site.getEstimatedDepartures()) : people;
    }

    private String vulnerable(VulnerablePeople people) {
        if (people == null) {
            return say("console.site.vulnerableUnknown");
        }
        String counted = Stream.of(count(people.getUnaccompaniedChildren(), "unaccompaniedChildren"),
                        count(people.getDisabled(), "disabled"), count(people.getNeedsMedicalCare(), "needsMedicalCare"),
                        count(people.getPregnant(), "pregnant"), count(people.getOver60(), "over60"))
                .filter(Objects::nonNull).collect(Collectors.joining(", "));
        return counted.isEmpty() ? say("console.site.vulnerableNone") : counted;
    }

    private String count(long people, String who) {
        return people == 0 ? null : say("console.vulnerable." + who, "n", people);
    }

    private String item(ItemStatus item, Instant now) {
        if (unreported(item)) {
            return say("page.notReported");
        }
        List<String> parts = new ArrayList<>();
        parts.add(runOut(item, now));
        parts.add(say(item.getBasis() == NeedBasis.DAILY_CONSUMPTION ? "console.item.left" : "console.item.stock",
                "about", item.getEstimated() ? "yes" : "no", "quantity", quantity(item.getStock(), item.getUnit()))
                + (item.getPerPerson() == null ? "" : " " + say("console.item.perPerson", "per", item.getPerPerson(),
                "minimum", item.getMinimumPerPerson())));
        if (item.getCountedAt() != null && item.getCountedStock() != null) {
            parts.add(say("console.item.counted", "ago", ago(item.getCountedAt(), now), "quantity",
                    quantity(item.getCountedStock(), item.getUnit())));
        }
        if (item.getOverdrawnAt() != null) {
            parts.add(say("console.item.overdrawn", "at", at(item.getOverdrawnAt())));
        }
        return parts.stream().filter(Objects::nonNull).collect(Collectors.joining("; "));
    }

    private String runOut(ItemStatus item, Instant now) {
        if (item.getBasis() != NeedBasis.DAILY_CONSUMPTION) {
            return null;
        }
        if (item.getRunsOutAt() == null) {
            return item.getNeedPerDay() == null || item.getNeedPerDay() == 0 ? say("console.item.notUsed")
                    : say("console.item.beyond", "horizon", HORIZON_HOURS);
        }
        double hours = item.getHoursToRunOut() != null ? item.getHoursToRunOut() : hoursBetween(now, item.getRunsOutAt());
        if (hours <= 0) {
            return say("console.item.ranOut", "at", at(item.getRunsOutAt()));
        }
        String band = item.getRunsOutEarliest() == null ? ""
                : item.getRunsOutLatest() == null ? say("console.item.bandOpen", "low", Math.round(hoursBetween(now, item.getRunsOutEarliest())),
                        "horizon", HORIZON_HOURS)
                : say("console.item.band", "low", Math.round(hoursBetween(now, item.getRunsOutEarliest())),
                        "high", Math.round(hoursBetween(now, item.getRunsOutLatest())));
        return say("console.item.runsOut", "hours", Math.round(hours), "at", at(item.getRunsOutAt()), "band", band);
    }

    private String convoy(ExpectedDelivery convoy, String unit) {
        return say(convoy.getCounted() ? "console.convoy.expected" : "console.convoy.overdue", "convoy", convoy.getConvoyId(),
                "quantity", quantity(convoy.getQuantity(), unit), "at", at(convoy.getExpectedAt()));
    }

    private String at(Instant time) {
        return dayAndTime.format(java.util.Date.from(time));
    }

    private String ago(Instant then, Instant now) {
        long hours = Math.round(hoursBetween(then, now));
        return hours >= 48 ? say("console.ago", "time", say("count.days", "n", hours / 24))
                : say("console.ago", "time", say("page.time.hours", "n", hours));
    }

    private String quantity(double value, String unit) {
        String shown = say(value != 0 && Math.abs(value) < 10 ? "console.decimal" : "console.number", "n", value);
        return shown + " " + (words.has("page.unit." + unit) ? say("page.unit." + unit) : unit);
    }

    /** {@code key}'s pattern with {@code nameValuePairs} as its arguments. */
    private String say(String key, Object... nameValuePairs) {
        Map<String, Object> args = new java.util.HashMap<>();
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            args.put((String) nameValuePairs[i], nameValuePairs[i + 1]);
        }
        return words.format(key, args);
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
