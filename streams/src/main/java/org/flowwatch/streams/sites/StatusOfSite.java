package org.flowwatch.streams.sites;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.flowwatch.schemas.avro.ExpectedDelivery;
import org.flowwatch.schemas.avro.Item;
import org.flowwatch.schemas.avro.ItemStatus;
import org.flowwatch.schemas.avro.NeedBasis;
import org.flowwatch.schemas.avro.Site;
import org.flowwatch.schemas.avro.SiteKind;
import org.flowwatch.schemas.avro.SiteStatus;
import org.flowwatch.streams.sites.ledger.ArrivalTrend;
import org.flowwatch.streams.sites.ledger.Need;
import org.flowwatch.streams.sites.ledger.RunOutProjection;
import org.flowwatch.streams.sites.ledger.SiteLedger;
import org.flowwatch.streams.sites.ledger.StockLedger;
import org.flowwatch.streams.sites.ledger.TransitModel;
import org.flowwatch.streams.sites.ledger.VulnerableCounts;

/**
 * A site's status as of now from its ledger and the reference data: population and vulnerable people, and for each
 * item the estimated stock, today's days of cover, the projected run-out with its band, and the items a site that
 * holds people has never reported. Pure.
 */
final class StatusOfSite {

    private static final double HOUR_MS = 3_600_000.0;

    private final SiteModel model;

    StatusOfSite(SiteModel model) {
        this.model = model;
    }

    static Need needOf(Item item) {
        return item.getBasis() == NeedBasis.CAPACITY ? Need.NONE : new Need(item.getPerPersonPerDay(), item.getPerSitePerDay());
    }

    static TransitModel transitOf(Site site, SiteModel model) {
        return new TransitModel(site.getMedianStayHours(), model.transitQuietAfter().toMillis());
    }

    SiteStatus of(Site site, SiteLedger ledger, Map<String, Item> definitions, List<Item> expected) {
        long now = ledger.at;
        double population = ledger.population();
        TransitModel transit = transitOf(site, model);
        double leaving = transit.rateAt(ledger, now);
        double departures = leaving > 0 ? leaving * population : recentDepartures(ledger, now);
        ArrivalTrend trend = ArrivalTrend.fit(ledger.arrivalsByHour, ledger.firstArrivalAt, now,
                model.trendHours(), model.trendDamping());
        List<ItemStatus> items = new ArrayList<>();
        ledger.items.forEach((itemId, stock) -> {
            Item item = definitions.get(itemId);
            if (item != null && stock.lastReportAt == null) {
                // only a convoy announced so far: what is there is not known (0 would read as "run out")
                items.add(ItemStatus.newBuilder(notReported(item, population)).setExpectedDeliveries(expected(stock, now)).build());
            } else if (item != null) {
                RunOutProjection projection = new RunOutProjection(needOf(item), population, trend, leaving,
                        leaving > 0 ? 0 : departures, deliveries(stock, now), model.horizon().toMillis() / HOUR_MS);
                items.add(reported(item, stock, population, projection, now));
            }
        });
        if (population >= 0.5 && site.getKind() != SiteKind.BORDER_POST) {
            expected.stream().filter(item -> !ledger.items.containsKey(item.getItemId()))
                    .forEach(item -> items.add(notReported(item, population)));
        }
        return SiteStatus.newBuilder()
                .setSiteId(site.getSiteId()).setName(site.getName()).setAdm1Code(site.getAdm1Code())
                .setPopulation(Math.round(population)).setCapacityPeople(site.getCapacityPeople())
                .setItems(items).setUpdatedAt(Instant.ofEpochMilli(now))
                .setPopulationEstimated(ledger.modelledLeft >= 0.5)
                .setEstimatedDepartures(Math.round(ledger.modelledLeft))
                .setVulnerable(VulnerableCounts.toStatus(ledger.vulnerable))
                .setArrivalsPerHour(round1(trend.perHourAt(1)))
                .setDeparturesPerHour(round1(departures))
                .setHeldSince(ledger.heldSince == null || population < 0.5 ? null : Instant.ofEpochMilli(ledger.heldSince))
                .build();
    }

    private ItemStatus reported(Item item, StockLedger stock, double population, RunOutProjection projection, long now) {
        ItemStatus.Builder status = DaysOfCover.builder(item, stock.level, Math.round(population))
                .setEstimated(stock.estimated)
                .setCountedStock(stock.countedStock)
                .setCountedAt(stock.countedAt == null ? null : Instant.ofEpochMilli(stock.countedAt))
                .setOverdrawnAt(stock.overdrawnAt == null ? null : Instant.ofEpochMilli(stock.overdrawnAt))
                .setExpectedDeliveries(expected(stock, now));
        if (item.getBasis() == NeedBasis.DAILY_CONSUMPTION) {
            OptionalDouble hours = projection.hoursUntilEmpty(stock.level);
            OptionalDouble earliest = projection.withArrivalsTimes(1 + model.bandFactor()).hoursUntilEmpty(stock.level);
            OptionalDouble latest = projection.withArrivalsTimes(1 - model.bandFactor()).hoursUntilEmpty(stock.level);
            status.setHoursToRunOut(hours.isPresent() ? round1(hours.getAsDouble()) : null)
                    .setRunsOutAt(at(now, hours)).setRunsOutEarliest(at(now, earliest)).setRunsOutLatest(at(now, latest));
        }
        return status.build();
    }

    private List<ExpectedDelivery> expected(StockLedger stock, long now) {
        return stock.convoys.stream().map(convoy -> new ExpectedDelivery(convoy.convoyId(), convoy.quantity(),
                Instant.ofEpochMilli(convoy.expectedAt()), convoy.counts(now, model.convoyGrace().toMillis()))).toList();
    }

    private static ItemStatus notReported(Item item, double population) {
        return DaysOfCover.builder(item, 0, Math.round(population)).setDaysOfCover(null).setPerPerson(null)
                .setReported(false).build();
    }

    private List<RunOutProjection.Delivery> deliveries(StockLedger stock, long now) {
        return stock.convoys.stream().filter(convoy -> convoy.counts(now, model.convoyGrace().toMillis()))
                .map(convoy -> new RunOutProjection.Delivery(Math.max(0, (convoy.expectedAt() - now) / HOUR_MS), convoy.quantity()))
                .toList();
    }

    // People reported leaving per hour over the same complete hours the arrivals trend looks at.
    private double recentDepartures(SiteLedger ledger, long now) {
        if (ledger.lastReportedDepartureAt == null) {
            return 0;
        }
        return ArrivalTrend.fit(ledger.departuresByHour, ledger.firstArrivalAt, now, model.trendHours(), 0).level();
    }

    private static Instant at(long now, OptionalDouble hours) {
        return hours.isPresent() ? Instant.ofEpochMilli(now + Math.round(hours.getAsDouble() * HOUR_MS)) : null;
    }

    private static double round1(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
