package org.flowwatch.producers.reference;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.flowwatch.schemas.avro.Item;
import org.flowwatch.schemas.avro.NeedBasis;

/**
 * Items with their per-person need from sphere-minimums.csv (Sphere Handbook 2018, WFP, WHO), plus generator fuel
 * per site. Shelter space and toilets are shared, not used up (the CSV's notes say so): they are CAPACITY items.
 */
public final class SphereItems {

    static final String MINIMUMS = "flowwatch/scenario/sphere-minimums.csv";
    private static final Set<String> SHARED = Set.of("shelter", "toilets");

    private SphereItems() {
    }

    /** One item for every site per row of the CSV. */
    public static List<Item> minimums() {
        return ScenarioCsv.rows(MINIMUMS).stream().map(row -> Item.newBuilder()
                .setItemId(row.get("item")).setSiteId(null).setUnit(row.get("unit"))
                .setBasis(SHARED.contains(row.get("item")) ? NeedBasis.CAPACITY : NeedBasis.DAILY_CONSUMPTION)
                .setPerPersonPerDay(Double.parseDouble(row.get("per_person_per_day")))
                .build()).toList();
    }

    /** Fuel: nothing per person, each site's generator as configured (sites with none are left out). */
    public static List<Item> fuel(Map<String, Double> litresPerDayBySite) {
        List<Item> items = new ArrayList<>();
        litresPerDayBySite.forEach((siteId, litres) -> {
            if (litres > 0) {
                items.add(Item.newBuilder().setItemId("fuel").setSiteId(siteId).setUnit("litre")
                        .setBasis(NeedBasis.DAILY_CONSUMPTION).setPerPersonPerDay(0).setPerSitePerDay(litres).build());
            }
        });
        return items;
    }
}
