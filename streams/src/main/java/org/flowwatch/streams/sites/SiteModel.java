package org.flowwatch.streams.sites;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flowwatch.schemas.config.ConfigException;
import org.flowwatch.streams.sites.alerts.Band;

/**
 * The settings of the estimates and projections (how stock is used up, how people move on, when a site runs out)
 * and of the alerts on them: RUN_OUT (projected run-out within a lead time) and UNREPORTED (a site holding people
 * with no stock figure for an item).
 *
 * @param vulnerableMention how many of each kind of vulnerable people (unaccompaniedChildren, disabled,
 *                          needsMedicalCare, pregnant, over60, in that order) a site must hold for alert sentences
 *                          to name them
 */
public record SiteModel(Duration horizon, int trendHours, double trendDamping, double bandFactor, Duration convoyGrace,
                        Duration transitQuietAfter, Duration departureWait, Duration statusRefresh, Duration clockQuietAfter, ZoneId zone, double runOutWarningHours,
                        double runOutCriticalHours, Duration unreportedWarning, Duration unreportedCritical,
                        long[] vulnerableMention) {

    /** The kinds of vulnerable people, in the order of {@code vulnerableMention}. */
    public static final List<String> VULNERABLE_KINDS = List.of("unaccompaniedChildren", "disabled", "needsMedicalCare",
            "pregnant", "over60");

    public static SiteModel defaults() {
        return new SiteModel(Duration.ofHours(72), 6, 0.8, 0.5, Duration.ofHours(6), Duration.ofHours(24), Duration.ofHours(6),
                Duration.ofMinutes(15), Duration.ofMinutes(5), ZoneId.of("Asia/Yerevan"), 48, 24, Duration.ofHours(6),
                Duration.ofHours(24), new long[] {1, 10, 1, 10, 50});
    }

    /** RUN_OUT: hours to run-out under the lead times; hysteresis as the other alerts. */
    public Band runOut(double margin) {
        return Band.below(runOutWarningHours, runOutCriticalHours, margin);
    }

    /** UNREPORTED: hours a site has held people with an item not reported; it resolves as soon as it is. */
    public Band unreported() {
        return Band.above(unreportedWarning.toMillis() / 3.6e6, unreportedCritical.toMillis() / 3.6e6, 0);
    }

    /** Parses e.g. {@code unaccompaniedChildren=1,disabled=10,needsMedicalCare=1,pregnant=10,over60=50}. */
    public static long[] vulnerableMention(String setting) {
        Map<String, Long> given = new LinkedHashMap<>();
        for (String pair : setting.split(",")) {
            String[] parts = pair.trim().split("=");
            if (parts.length != 2 || !VULNERABLE_KINDS.contains(parts[0].trim())) {
                throw new ConfigException("setting 'sites.vulnerable.mention' takes kind=count pairs of "
                        + VULNERABLE_KINDS + ", got '" + pair.trim() + "'");
            }
            try {
                given.put(parts[0].trim(), Long.parseLong(parts[1].trim()));
            } catch (NumberFormatException e) {
                throw new ConfigException("setting 'sites.vulnerable.mention': '" + parts[1].trim() + "' is not a whole number");
            }
        }
        long[] defaults = defaults().vulnerableMention();
        long[] counts = Arrays.copyOf(defaults, defaults.length);
        given.forEach((kind, count) -> counts[VULNERABLE_KINDS.indexOf(kind)] = count);
        return counts;
    }
}
