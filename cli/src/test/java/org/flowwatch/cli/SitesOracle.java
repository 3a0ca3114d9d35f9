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

/**
 * CAPACITY and SHORTAGE episodes worked out from the sites app's committed ledger inputs ({@link LedgerInputs}) apart
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
 * </ul>
 * Both come down only once {@code sites.alerts.margin} clear of a threshold.
 */
final class SitesOracle {

    private static final double DAY_MS = 86_400_000.0;

    /** A stock the oracle follows: a level as of {@code at}. */
    private static final class Stock {
        double level;
        long at;
    }

    private final OraclePeople people;
    private final Map<String, Item> judged;
    private final double capacityWarning;
    private final double capacityCritical;
    private final double shortageWarning;
    private final double shortageCritical;
    private final double margin;
    private final long refresh;
    private final Map<String, Long> publishedAt = new TreeMap<>();
    private final Map<String, Stock> stocks = new HashMap<>();
    private final OracleEpisodes capacity = new OracleEpisodes(AlertKind.CAPACITY);
    private final OracleEpisodes shortage = new OracleEpisodes(AlertKind.SHORTAGE);

    private SitesOracle(Settings settings, Map<String, Site> sites, Map<String, Item> judged) {
        this.people = new OraclePeople(settings, sites);
        this.judged = judged;
        capacityWarning = settings.decimal("sites.capacity.warning");
        capacityCritical = settings.decimal("sites.capacity.critical");
        shortageWarning = settings.decimal("sites.shortage.warning.days");
        shortageCritical = settings.decimal("sites.shortage.critical.days");
        margin = settings.decimal("sites.alerts.margin");
        refresh = settings.duration("sites.status.refresh").toMillis();
    }

    /** The oracle run over the committed inputs; {@code judged}: site/item → the item, for SHORTAGE. */
    static SitesOracle over(LedgerInputs ledger, Settings settings, Map<String, Site> sites, Map<String, Item> judged) {
        SitesOracle oracle = new SitesOracle(settings, sites, judged);
        long clock = Long.MIN_VALUE;
        for (LedgerInputs.Input input : ledger.inputs()) {
            if (!oracle.people.isNew(input.event())) {
                continue; // a resend or an older revision: the ledger does not even look at its time
            }
            clock = Math.max(clock, input.timestamp());
            oracle.useUpTo(clock);
            Set<String> changed = oracle.people.apply(input.event(), input.timestamp());
            if (input.event() instanceof SupplyEvent supply) {
                oracle.supplied(supply, clock);
            }
            Set<String> published = new TreeSet<>(changed);
            long now = clock;
            oracle.publishedAt.forEach((siteId, at) -> {
                if (now >= at + oracle.refresh) {
                    published.add(siteId);
                }
            });
            published.forEach(siteId -> oracle.judge(siteId, now));
        }
        return oracle;
    }

    /** Every change of every CAPACITY episode, {@code version state severity people}, per alertId. */
    Map<String, List<String>> capacityChanges() {
        return capacity.changes();
    }

    /** Every change of every SHORTAGE episode of the judged items, {@code version state severity people}, per alertId. */
    Map<String, List<String>> shortageChanges() {
        return shortage.changes();
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
            double perDay = there * item.getPerPersonPerDay() + item.getPerSitePerDay();
            stock.level = Math.max(0, stock.level - perDay * (now - stock.at) / DAY_MS);
            stock.at = now;
        });
    }

    private void supplied(SupplyEvent supply, long now) {
        String key = supply.getSiteId() + "/" + supply.getItem();
        if (!judged.containsKey(key)) {
            return;
        }
        if (supply.getKind() != SupplyKind.STOCK_COUNT || stocks.containsKey(key)) {
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
                double perDay = there * item.getPerPersonPerDay() + item.getPerSitePerDay();
                double cover = perDay > 0 ? stock.level / perDay : Double.POSITIVE_INFINITY;
                shortage.judge(key, below(cover), below(cover / (1 + margin)), now, there);
            }
        });
    }

    private static OracleEpisodes.Level above(double reading, double warning, double critical) {
        return reading >= critical ? OracleEpisodes.Level.CRITICAL : reading >= warning ? OracleEpisodes.Level.WARNING
                : OracleEpisodes.Level.NORMAL;
    }

    private OracleEpisodes.Level below(double days) {
        return days < shortageCritical ? OracleEpisodes.Level.CRITICAL : days < shortageWarning ? OracleEpisodes.Level.WARNING
                : OracleEpisodes.Level.NORMAL;
    }
}
