package org.flowwatch.streams.sites.ledger;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Everything the sites app knows of one site, as of {@code at} (operation clock): people routed in minus people
 * reported leaving ({@code counted}), people the transit model estimates have moved on, the vulnerable people among
 * them, arrivals and departures per hour (for the trends), and the stock of each item reported there.
 *
 * <p>{@link #advanceTo} moves it through time in closed form (no steps), so the figures at a given time are the same
 * however often they are evaluated: live, or replayed at 3,600x.
 */
public final class SiteLedger {

    static final long HOUR_MS = 3_600_000L;
    private static final int KEEP_HOURS = 24;

    public long at = Long.MIN_VALUE;
    public long counted;
    public double modelledLeft;
    /** unaccompaniedChildren, disabled, needsMedicalCare, pregnant, over60. */
    public double[] vulnerable = new double[VulnerableCounts.KINDS];
    public Long firstArrivalAt;
    /** Since when the site has held people with nothing moved on of them yet being counted: for "not reported". */
    public Long heldSince;
    public Long lastReportedDepartureAt;
    public TreeMap<Long, Long> arrivalsByHour = new TreeMap<>();
    public TreeMap<Long, Long> departuresByHour = new TreeMap<>();
    public TreeMap<String, StockLedger> items = new TreeMap<>();

    /** People there now: routed in, less those reported leaving, less those the transit model moved on. */
    public double population() {
        return Math.max(0, counted - modelledLeft);
    }

    /**
     * Moves the site on to {@code to}: the transit model (when it applies) moves people on, and every item is used
     * up by the people present. Between two inputs the population changes only by the model's exponential decay, so
     * use over the interval is an exact integral.
     */
    public void advanceTo(long to, Function<String, Need> needs, TransitModel transit) {
        if (at == Long.MIN_VALUE) {
            at = to;
            return;
        }
        while (at < to) {
            long modelChanges = transit.nextChange(this, at);
            long until = Math.min(to, modelChanges);
            step(until, needs, transit.rateAt(this, at));
        }
    }

    private void step(long to, Function<String, Need> needs, double leavingPerHour) {
        double hours = (to - at) / (double) HOUR_MS;
        double people = population();
        double stayed = leavingPerHour > 0 ? Math.exp(-leavingPerHour * hours) : 1;
        double personHours = leavingPerHour > 0 ? people * (1 - stayed) / leavingPerHour : people * hours;
        items.forEach((itemId, stock) -> stock.consume(needs.apply(itemId).use(personHours, hours), to));
        if (leavingPerHour > 0 && people > 0) {
            modelledLeft += people * (1 - stayed);
            VulnerableCounts.scale(vulnerable, stayed);
        }
        at = to;
    }

    /**
     * A group routed here at {@code eventTime}, applied now. Crossings make the trend of arrivals; people brought in
     * by a movement (a transfer, a bus from elsewhere) come as one batch and do not ({@code trend} false).
     */
    public void arrive(long people, double[] groupVulnerable, long eventTime, boolean trend) {
        if (population() < 0.5) {
            heldSince = at;
        }
        counted += people;
        VulnerableCounts.add(vulnerable, groupVulnerable);
        if (trend) {
            addTo(arrivalsByHour, eventTime, people);
            firstArrivalAt = firstArrivalAt == null ? eventTime : Math.min(firstArrivalAt, eventTime);
        }
    }

    /**
     * People reported leaving. Reported departures stand in for the ones the model assumed (they are likely the same
     * people), so the population falls only by what the model had not already moved on.
     */
    public void leave(long people, long eventTime) {
        double before = population();
        counted -= people;
        modelledLeft = Math.max(0, modelledLeft - people);
        VulnerableCounts.scale(vulnerable, before <= 0 ? 0 : population() / before);
        addTo(departuresByHour, eventTime, people);
        lastReportedDepartureAt = lastReportedDepartureAt == null ? eventTime : Math.max(lastReportedDepartureAt, eventTime);
    }

    /**
     * A crossing counted here is corrected or withdrawn: its people and vulnerable people come back off (as far as
     * they are still here) and out of the arrivals of their hour.
     */
    public void retract(long people, double[] groupVulnerable, long eventTime) {
        counted = Math.max(0, counted - people);
        modelledLeft = Math.min(modelledLeft, counted);
        for (int i = 0; i < vulnerable.length; i++) {
            vulnerable[i] = Math.max(0, vulnerable[i] - groupVulnerable[i]);
        }
        arrivalsByHour.computeIfPresent(hourOf(eventTime), (hour, before) -> Math.max(0, before - people));
    }

    public StockLedger stock(String itemId) {
        return items.computeIfAbsent(itemId, id -> StockLedger.startingAt(at));
    }

    /** Drops hourly figures older than the trends look at. */
    public void forgetOldHours() {
        long keepFrom = hourOf(at) - KEEP_HOURS * HOUR_MS;
        arrivalsByHour.headMap(keepFrom).clear();
        departuresByHour.headMap(keepFrom).clear();
    }

    static long hourOf(long time) {
        return Math.floorDiv(time, HOUR_MS) * HOUR_MS;
    }

    private static void addTo(Map<Long, Long> byHour, long time, long people) {
        byHour.merge(hourOf(time), people, Long::sum);
    }
}
