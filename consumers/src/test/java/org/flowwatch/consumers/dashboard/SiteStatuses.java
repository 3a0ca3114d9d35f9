package org.flowwatch.consumers.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.flowwatch.schemas.avro.ExpectedDelivery;
import org.flowwatch.schemas.avro.ItemStatus;
import org.flowwatch.schemas.avro.NeedBasis;
import org.flowwatch.schemas.avro.Site;
import org.flowwatch.schemas.avro.SiteKind;
import org.flowwatch.schemas.avro.SiteStatus;
import org.flowwatch.schemas.avro.VulnerablePeople;

/** Test-data builders for site statuses as the sites app publishes them, and the posts' and sites' reference data. */
final class SiteStatuses {

    /** The status clock of the examples: Tuesday 26 September 2023, 08:00 UTC (12:00 in Yerevan). */
    static final Instant UPDATED_AT = Instant.parse("2023-09-26T08:00:00Z");

    private SiteStatuses() {
    }

    static SiteStatus.Builder aSite(String site, String name, long population, ItemStatus... items) {
        return SiteStatus.newBuilder().setSiteId(site).setName(name).setAdm1Code("AM-SU").setPopulation(population)
                .setCapacityPeople(10_000).setItems(new ArrayList<>(List.of(items))).setUpdatedAt(UPDATED_AT);
    }

    static VulnerablePeople vulnerable(long children, long disabled, long medical, long pregnant, long over60) {
        return VulnerablePeople.newBuilder().setUnaccompaniedChildren(children).setDisabled(disabled)
                .setNeedsMedicalCare(medical).setPregnant(pregnant).setOver60(over60).build();
    }

    /** Water used at {@code needPerDay}, estimated at {@code stock} now, running out in {@code hours} (band 0.8x..1.3x). */
    static ItemStatus.Builder water(double stock, double needPerDay, Double hours) {
        ItemStatus.Builder water = ItemStatus.newBuilder().setItemId("water").setUnit("litre")
                .setBasis(NeedBasis.DAILY_CONSUMPTION).setStock(stock).setNeedPerDay(needPerDay)
                .setDaysOfCover(stock / needPerDay).setMinimumPerPerson(15).setEstimated(true);
        if (hours != null) {
            water.setHoursToRunOut(hours).setRunsOutAt(at(hours)).setRunsOutEarliest(at(hours * 0.8))
                    .setRunsOutLatest(hours * 1.3 > 72 ? null : at(hours * 1.3));
        }
        return water;
    }

    /** An item the site holds people for but never reported: stock 0 means unknown. */
    static ItemStatus notReported(String item, String unit) {
        return ItemStatus.newBuilder().setItemId(item).setUnit(unit).setBasis(NeedBasis.DAILY_CONSUMPTION).setStock(0)
                .setMinimumPerPerson(1).setReported(false).build();
    }

    static ItemStatus shelter(double stock, double perPerson) {
        return ItemStatus.newBuilder().setItemId("shelter").setUnit("square_metre").setBasis(NeedBasis.CAPACITY)
                .setStock(stock).setPerPerson(perPerson).setMinimumPerPerson(3.5).build();
    }

    /** A convoy expected {@code hours} after {@code UPDATED_AT} (negative: overdue, no longer counted). */
    static ExpectedDelivery convoy(String id, double quantity, double hours) {
        return ExpectedDelivery.newBuilder().setConvoyId(id).setQuantity(quantity).setExpectedAt(at(hours))
                .setCounted(hours >= 0).build();
    }

    static Site place(String id, String name, SiteKind kind, double lat, double lon) {
        return Site.newBuilder().setSiteId(id).setName(name).setKind(kind).setAdm1Code("AM-SU").setAdm1Name("Syunik")
                .setLat(lat).setLon(lon).build();
    }

    static Instant at(double hoursAfterUpdate) {
        return UPDATED_AT.plus(Duration.ofMinutes(Math.round(hoursAfterUpdate * 60)));
    }
}
