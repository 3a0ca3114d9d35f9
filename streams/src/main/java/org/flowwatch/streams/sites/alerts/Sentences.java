package org.flowwatch.streams.sites.alerts;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.flowwatch.schemas.avro.ItemStatus;

/** The one human sentence of each alert, written the way an operations centre reads it. Pure. */
public final class Sentences {

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
