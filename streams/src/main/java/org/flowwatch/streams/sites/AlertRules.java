package org.flowwatch.streams.sites;

import java.time.Duration;
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
                         Duration silentWarning, Duration silentCritical, Duration silentCheckEvery) {

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
}
