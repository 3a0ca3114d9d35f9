package org.flowwatch.streams.sites.alerts;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.flowwatch.schemas.avro.ItemStatus;
import org.flowwatch.schemas.avro.SiteStatus;
import org.flowwatch.schemas.avro.VulnerablePeople;

/** The one human sentence of each alert, written the way an operations centre reads it. Pure. */
public final class Sentences {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE HH:mm", Locale.UK);
    private static final List<String> VULNERABLE_ONE = List.of("unaccompanied child", "disabled person",
            "person needing medical care", "pregnant woman", "person over 60");
    private static final List<String> VULNERABLE_MANY = List.of("unaccompanied children", "disabled people",
            "people needing medical care", "pregnant women", "people over 60");
    private static final Map<String, String> SHORT_UNITS = Map.of("litre", "L", "square_metre", "m²", "kilogram", "kg");

    private Sentences() {
    }

    /** e.g. "Goris: water covers 0.8 days for 12,400 people; need 186,000 L/day, stock 150,000 L". */
    public static String daysOfCover(String site, ItemStatus item, long population) {
        String unit = unit(item.getUnit());
        return String.format(Locale.UK, "%s: %s covers %.1f days for %,d people; need %,.0f %s/day, stock %,.0f %s",
                site, item.getItemId(), roundedDown(item.getDaysOfCover()), population, item.getNeedPerDay(), unit, item.getStock(), unit);
    }

    /** e.g. "Goris: shelter gives 2.1 m² per person for 12,400 people; minimum 3.5 m², stock 26,000 m²". */
    public static String perPerson(String site, ItemStatus item, long population) {
        String unit = unit(item.getUnit());
        return String.format(Locale.UK, "%s: %s gives %s %s per person for %,d people; minimum %s %s, stock %,.0f %s",
                site, item.getItemId(), decimal(item.getPerPerson()), unit, population,
                decimal(item.getMinimumPerPerson()), unit, item.getStock(), unit);
    }

    /** e.g. "Goris: water runs out in ~23 h (Tue 14:00, between 19 and 28 h) for 1,840 people". */
    public static String runOut(SiteStatus status, ItemStatus item, ZoneId zone) {
        if (item.getHoursToRunOut() == null) {
            return String.format(Locale.UK, "%s: %s lasts beyond the projection for %,d people", status.getName(),
                    item.getItemId(), status.getPopulation());
        }
        if (item.getStock() <= 0) { // "runs out in under an hour, between 0 and 0 h" would hide that it is gone
            return String.format(Locale.UK, "%s: %s has run out (%s) for %,d people", status.getName(), item.getItemId(),
                    WHEN.withZone(zone).format(item.getRunsOutAt()), status.getPopulation());
        }
        String band = item.getRunsOutEarliest() == null ? "" : ", between " + hoursUntil(status, item.getRunsOutEarliest())
                + " and " + (item.getRunsOutLatest() == null ? "over 72" : hoursUntil(status, item.getRunsOutLatest())) + " h";
        return String.format(Locale.UK, "%s: %s runs out in %s (%s%s) for %,d people", status.getName(), item.getItemId(),
                inHours(item.getHoursToRunOut()), WHEN.withZone(zone).format(item.getRunsOutAt()), band, status.getPopulation());
    }

    /** e.g. "; 37 unaccompanied children, 12 people needing medical care" for the kinds at or above their count. */
    public static String vulnerable(SiteStatus status, long[] mentionFrom) {
        VulnerablePeople v = status.getVulnerable();
        if (v == null) {
            return "";
        }
        long[] counts = {v.getUnaccompaniedChildren(), v.getDisabled(), v.getNeedsMedicalCare(), v.getPregnant(), v.getOver60()};
        StringBuilder named = new StringBuilder();
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0 && counts[i] >= mentionFrom[i]) {
                named.append(named.length() == 0 ? "; " : ", ").append(String.format(Locale.UK, "%,d %s", counts[i],
                        counts[i] == 1 ? VULNERABLE_ONE.get(i) : VULNERABLE_MANY.get(i)));
            }
        }
        return named.toString();
    }

    /** e.g. "Vayk: no figure for water, food for 1,200 people held for 7 h". */
    public static String unreported(String site, List<String> items, long population, double hours) {
        return items.isEmpty() ? site + ": every item reported"
                : String.format(Locale.UK, "%s: no stock figure for %s, with %,d people there for %.0f h", site,
                        String.join(", ", items), population, Math.floor(hours));
    }

    /** e.g. "Goris: 2,760 people for 3,000 places (92%)". */
    public static String occupancy(String site, long population, int capacity) {
        return String.format(Locale.UK, "%s: %,d people for %,d places (%.0f%%)", site, population, capacity,
                100.0 * population / capacity);
    }

    /** e.g. "Kornidzor: 1,240 arrivals in the last hour, surge level 1,000 (trailing average 180/h)". */
    public static String surge(String scope, long lastHour, double surgeLevel, double baselinePerHour) {
        return String.format(Locale.UK, "%s: %,d arrivals in the last hour, surge level %,.0f (trailing average %,.0f/h)",
                scope, lastHour, surgeLevel, baselinePerHour);
    }

    /** e.g. "Kornidzor: no crossing or heartbeat for 42 min". */
    public static String silent(String post, Duration silence) {
        return silence.isZero() ? post + ": heard again" : post + ": no crossing or heartbeat for " + human(silence);
    }

    private static String inHours(double hours) {
        return hours < 1 ? "under an hour" : String.format(Locale.UK, "~%,d h", Math.round(hours));
    }

    private static long hoursUntil(SiteStatus status, Instant time) {
        return Math.round(Duration.between(status.getUpdatedAt(), time).toMillis() / 3.6e6);
    }

    // 2.98 days must not read "3.0 days" in an alert about falling under 3 days.
    private static double roundedDown(double days) {
        return Math.floor(days * 10) / 10;
    }

    private static String human(Duration duration) {
        if (duration.toMinutes() < 1) {
            return duration.toSeconds() + " s";
        }
        return duration.toHours() < 2 ? duration.toMinutes() + " min"
                : String.format(Locale.UK, "%.1f h", duration.toMinutes() / 60.0);
    }

    private static String decimal(Double value) {
        return value == null ? "-" : String.format(Locale.UK, "%.2f", value).replaceAll("\\.?0+$", "");
    }

    private static String unit(String unit) {
        return SHORT_UNITS.getOrDefault(unit, unit);
    }
}
