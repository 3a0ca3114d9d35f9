package org.flowwatch.streams.sites;

import java.time.Duration;
import java.time.ZoneId;
import org.flowwatch.schemas.avro.NeedBasis;
import org.flowwatch.schemas.avro.Threshold;
import org.flowwatch.streams.sites.alerts.Band;

/**
 * The thresholds of every alert kind that are settings rather than reference data: defaults for shortages (a
 * site's own thresholds in the thresholds topic win), occupancy, surges and silent posts, and the hysteresis margin.
 */
public record AlertRules(double shortageWarningDays, double shortageCriticalDays, double sharedWarningRatio,
                         double sharedCriticalRatio, double capacityWarning, double capacityCritical, double margin,
                         double surgePeoplePerHour, double surgeBaselineFactor, double surgeMinBaselinePerHour, double surgeMargin,
                         Duration silentWarning, Duration silentCritical, Duration silentCheckEvery,
                         Duration neverHeardAfter, ZoneId zone, int signsOfLifePartitions) {

    /** Defaults of the newer POST_SILENT settings: never heard after 2 h, Yerevan's opening hours, one partition. */
    public static final Duration NEVER_HEARD_AFTER = Duration.ofHours(2);

    public AlertRules(double shortageWarningDays, double shortageCriticalDays, double sharedWarningRatio,
                      double sharedCriticalRatio, double capacityWarning, double capacityCritical, double margin,
                      double surgePeoplePerHour, double surgeBaselineFactor, double surgeMinBaselinePerHour, double surgeMargin,
                      Duration silentWarning, Duration silentCritical, Duration silentCheckEvery) {
        this(shortageWarningDays, shortageCriticalDays, sharedWarningRatio, sharedCriticalRatio, capacityWarning,
                capacityCritical, margin, surgePeoplePerHour, surgeBaselineFactor, surgeMinBaselinePerHour, surgeMargin,
                silentWarning, silentCritical, silentCheckEvery, NEVER_HEARD_AFTER, ZoneId.of("Asia/Yerevan"), 1);
    }

    /** The same rules with another never-heard delay, opening-hours zone and partition count of the signs of life. */
    public AlertRules withPostChecks(Duration neverHeard, ZoneId timeZone, int partitions) {
        return new AlertRules(shortageWarningDays, shortageCriticalDays, sharedWarningRatio, sharedCriticalRatio,
                capacityWarning, capacityCritical, margin, surgePeoplePerHour, surgeBaselineFactor, surgeMinBaselinePerHour,
                surgeMargin, silentWarning, silentCritical, silentCheckEvery, neverHeard, timeZone, partitions);
    }

    /** The default threshold of an item when neither the site nor '*' has one. */
    public Threshold defaultThreshold(String siteId, String itemId, NeedBasis basis) {
        boolean shared = basis == NeedBasis.CAPACITY;
        return new Threshold(siteId, itemId, shared ? sharedWarningRatio : shortageWarningDays,
                shared ? sharedCriticalRatio : shortageCriticalDays);
    }

    public Band shortage(Threshold threshold) {
        return Band.below(threshold.getWarning(), threshold.getCritical(), margin);
    }

    public Band occupancy() {
        return Band.above(capacityWarning, capacityCritical, margin);
    }

    /** A surge is over {@code surgeLevel} people an hour; critical at twice that. Hourly counts are noisy: own margin. */
    public Band surge(double surgeLevel) {
        return Band.above(surgeLevel, 2 * surgeLevel, surgeMargin);
    }

    /** The arrivals per hour that count as a surge: the fixed level, or a multiple of a baseline big enough to mean something. */
    public double surgeLevel(double baselinePerHour) {
        return baselinePerHour >= surgeMinBaselinePerHour
                ? Math.min(surgePeoplePerHour, surgeBaselineFactor * baselinePerHour) : surgePeoplePerHour;
    }

    /** Silence is measured in milliseconds of wall clock; a post is heard again at once (no margin). */
    public Band silence() {
        return Band.above(silentWarning.toMillis(), silentCritical.toMillis(), 0);
    }

    /**
     * A post never heard since it was noticed: warning after {@code neverHeardAfter}, critical as much later again as
     * a silent post's critical is after its warning. Milliseconds of wall clock.
     */
    public Band neverHeard() {
        return Band.above(neverHeardAfter.toMillis(), neverHeardAfter.plus(silentCritical).minus(silentWarning).toMillis(), 0);
    }
}
