package org.flowwatch.cli;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.flowwatch.schemas.avro.Alert;
import org.flowwatch.schemas.avro.AlertKind;
import org.flowwatch.schemas.avro.Item;
import org.flowwatch.schemas.avro.Site;
import org.flowwatch.schemas.avro.SupplyEvent;
import org.flowwatch.schemas.avro.SupplyKind;
import org.flowwatch.schemas.config.Settings;
import org.flowwatch.streams.sites.ledger.ArrivalTrend;
import org.flowwatch.streams.sites.ledger.Need;
import org.flowwatch.streams.sites.ledger.RunOutProjection;

/**
 * CAPACITY, SHORTAGE and RUN_OUT episodes worked out from the sites app's committed ledger inputs ({@link LedgerInputs}) apart
 * from the topology, by the rules of the streams README. People per site: {@link OraclePeople}. Time: the operation
 * clock, the latest new input's time (never back). A site's status is published (and judged) when an input changes
 * it, and again once {@code sites.status.refresh} of operation time has passed since it last was.
 * <ul>
 *   <li>CAPACITY: occupancy = people / capacity; WARNING from {@code sites.capacity.warning}, CRITICAL from
 *       {@code sites.capacity.critical}.</li>
 *   <li>SHORTAGE, for the items {@code judged} names (a site and item with one STOCK_COUNT and nothing else: this oracle
 *       refuses deliveries and distributions of them rather than model them): the stock counted, less the people there
 *       times the need per person per day (plus the site's own need) for every hour since; days of cover = stock /
 *       need per day; WARNING under {@code sites.shortage.warning.days}, CRITICAL under
 *       {@code sites.shortage.critical.days}.</li>
 *   <li>RUN_OUT, for the same items: hours until the stock is used up by the people there and the arrivals the trend
 *       expects ({@link #hoursUntilEmpty}); WARNING within {@code sites.runout.warning.hours}, CRITICAL within
 *       {@code sites.runout.critical.hours}.</li>
 * </ul>
 * All come down only once {@code sites.alerts.margin} clear of a threshold.
 */
final class SitesOracle {

    private static final double DAY_MS = 86_400_000.0;

    /** A stock the oracle follows: a level as of {@code at}. */
    private static final class Stock {
        double level;
        long at;
    }

    private OraclePeople people;
    private final Map<String, Item> judged;
    private final double capacityWarning;
    private final double capacityCritical;
    private final double shortageWarning;
    private final double shortageCritical;
    private final double margin;
    private final long refresh;
    private final double runOutWarning;
    private final double runOutCritical;
    private final double horizonHours;
    private final int trendHours;
    private final double damping;
    private final Map<String, Long> publishedAt = new TreeMap<>();
    private final Map<String, Stock> stocks = new HashMap<>();
    private final OracleEpisodes capacity = new OracleEpisodes(AlertKind.CAPACITY);
    private final OracleEpisodes shortage = new OracleEpisodes(AlertKind.SHORTAGE);
    private final OracleEpisodes runOut = new OracleEpisodes(AlertKind.RUN_OUT);

    private SitesOracle(Settings settings, Map<String, Site> sites, Map<String, Item> judged) {
        this.judged = judged;
        capacityWarning = settings.decimal("sites.capacity.warning");
        capacityCritical = settings.decimal("sites.capacity.critical");
        shortageWarning = settings.decimal("sites.shortage.warning.days");
        shortageCritical = settings.decimal("sites.shortage.critical.days");
        margin = settings.decimal("sites.alerts.margin");
        refresh = settings.duration("sites.status.refresh").toMillis();
        runOutWarning = settings.decimal("sites.runout.warning.hours");
        runOutCritical = settings.decimal("sites.runout.critical.hours");
        horizonHours = settings.duration("sites.runout.horizon").toMinutes() / 60.0;
        trendHours = settings.integer("sites.trend.hours");
        damping = settings.decimal("sites.trend.damping");
    }

    /**
     * The oracle run over the committed inputs of each ledger partition; {@code judged}: site/item → the item, for
     * SHORTAGE. Each partition is a task of its own (its people, stocks and operation clock); a site is on one only.
     */
    static SitesOracle over(List<LedgerInputs> partitions, Settings settings, Map<String, Site> sites, Map<String, Item> judged) {
        SitesOracle oracle = new SitesOracle(settings, sites, judged);
        for (LedgerInputs partition : partitions) {
            oracle.people = new OraclePeople(settings, sites);
            oracle.publishedAt.clear();
            oracle.stocks.clear();
            oracle.run(partition);
        }
        return oracle;
    }

    private void run(LedgerInputs ledger) {
        long clock = Long.MIN_VALUE;
        for (LedgerInputs.Input input : ledger.inputs()) {
            if (!people.isNew(input.event())) {
                continue; // a resend or an older revision: the ledger does not even look at its time
            }
            clock = Math.max(clock, input.timestamp());
            useUpTo(clock);
            Set<String> changed = people.apply(input.event(), input.timestamp());
            if (input.event() instanceof SupplyEvent supply) {
                supplied(supply, clock);
            }
            Set<String> published = new TreeSet<>(changed);
            long now = clock;
            publishedAt.forEach((siteId, at) -> {
                if (now >= at + refresh) {
                    published.add(siteId);
                }
            });
            published.forEach(siteId -> judge(siteId, now));
        }
    }

    /** Every change of every CAPACITY episode, {@code version state severity people}, per alertId. */
    Map<String, List<String>> capacityChanges() {
        return capacity.changes();
    }

    /** Every change of every SHORTAGE episode of the judged items, {@code version state severity people}, per alertId. */
    Map<String, List<String>> shortageChanges() {
        return shortage.changes();
    }

    /** Every change of every RUN_OUT episode of the judged items, {@code version state severity people}, per alertId. */
    Map<String, List<String>> runOutChanges() {
        return runOut.changes();
    }

    /** The same from the alerts the app raised. */
    static Map<String, List<String>> raised(List<Alert> alerts, AlertKind kind) {
        return OracleEpisodes.raised(alerts, kind, "population");
    }

    // The people there since the last input used the stock: constant between inputs (no transit model).
    private void useUpTo(long now) {
        stocks.forEach((key, stock) -> {
            Item item = judged.get(key);
            long there = people.at(key.substring(0, key.indexOf('/')));
            double perDay = needPerDay(item, there);
            stock.level = Math.max(0, stock.level - perDay * (now - stock.at) / DAY_MS);
            stock.at = now;
        });
    }

    private void supplied(SupplyEvent supply, long now) {
        String key = supply.getSiteId() + "/" + supply.getItem();
        if (!judged.containsKey(key)) {
            return;
        }
        if (supply.getKind() != SupplyKind.STOCK_COUNT || stocks.containsKey(key)) { // a convoy, a delivery, a distribution
            throw new IllegalStateException(key + ": only one STOCK_COUNT is modelled here, got " + supply.getKind());
        }
        Stock stock = new Stock();
        stock.level = supply.getQuantity();
        stock.at = now;
        stocks.put(key, stock);
    }

    private void judge(String siteId, long now) {
        publishedAt.put(siteId, now);
        long there = people.at(siteId);
        Integer places = people.site(siteId).getCapacityPeople();
        double occupancy = places == null || places <= 0 ? 0 : (double) there / places;
        capacity.judge(siteId, above(occupancy, capacityWarning, capacityCritical),
                above(occupancy * (1 + margin), capacityWarning, capacityCritical), now, there);
        stocks.forEach((key, stock) -> {
            if (key.startsWith(siteId + "/")) {
                Item item = judged.get(key);
                double perDay = needPerDay(item, there);
                double cover = perDay > 0 ? stock.level / perDay : Double.POSITIVE_INFINITY;
                shortage.judge(key, below(cover, shortageWarning, shortageCritical),
                        below(cover / (1 + margin), shortageWarning, shortageCritical), now, there);
                // the status shows hours to run-out to a tenth, and the alert reads the status
                double hours = Math.round(hoursUntilEmpty(siteId, item, stock.level, there, now) * 10) / 10.0;
                runOut.judge(key, below(hours, runOutWarning, runOutCritical),
                        below(hours / (1 + margin), runOutWarning, runOutCritical), now, there);
            }
        });
    }

    private static OracleEpisodes.Level above(double reading, double warning, double critical) {
        return reading >= critical ? OracleEpisodes.Level.CRITICAL : reading >= warning ? OracleEpisodes.Level.WARNING
                : OracleEpisodes.Level.NORMAL;
    }

    private static OracleEpisodes.Level below(double reading, double warning, double critical) {
        return reading < critical ? OracleEpisodes.Level.CRITICAL : reading < warning ? OracleEpisodes.Level.WARNING
                : OracleEpisodes.Level.NORMAL;
    }

    /**
     * Hours until the stock is used up, or infinity beyond the horizon: the people there now, plus the arrivals the
     * trend expects (a least-squares line through the people routed by crossings in the last complete hours, at most
     * {@code sites.trend.hours}, its slope damped by {@code sites.trend.damping} for every hour ahead), each using the
     * item's need. No departures and no convoys: the judged sites have none (a convoy of a judged item is refused by
     * {@link #supplied}). The people and the trend are worked out here; the integration over the hours ahead is the
     * app's own pure {@link RunOutProjection} (checked by hand in its unit test). This oracle used to integrate minute
     * by minute: the two schemes agree to a few hundredths of an hour, but the status rounds to a tenth, so a reading
     * that close to a threshold crossed it one input apart (a run on 6 Dec escalated at 1,934 people, the oracle at
     * 1,927), which said nothing about the crash this test is for.
     */
    private double hoursUntilEmpty(String siteId, Item item, double stock, long there, long now) {
        double[] line = trend(siteId, now);
        RunOutProjection projection = new RunOutProjection(new Need(item.getPerPersonPerDay(), item.getPerSitePerDay()), there,
                new ArrivalTrend(line[0], line[1], damping), 0, 0, List.of(), horizonHours);
        return projection.hoursUntilEmpty(stock).orElse(Double.POSITIVE_INFINITY);
    }

    /** {level at the last complete hour, slope per hour} of the people routed to the site by crossings. */
    private double[] trend(String siteId, long now) {
        long hour = 3_600_000L;
        long current = Math.floorDiv(now, hour) * hour;
        Long first = people.firstCrossedAt(siteId);
        long from = Math.max(current - trendHours * hour, first == null ? current : Math.floorDiv(first, hour) * hour);
        int n = (int) ((current - from) / hour);
        if (n <= 0) {
            return new double[] {0, 0};
        }
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = people.crossedByHour(siteId).getOrDefault(from + i * hour, 0L);
        }
        return LeastSquares.line(y);
    }

    /** What the people there use of an item in a day: need per person times people, plus the site's own need. */
    private static double needPerDay(Item item, double people) {
        return people * item.getPerPersonPerDay() + item.getPerSitePerDay();
    }
}
