package org.flowwatch.producers.reference;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.flowwatch.schemas.avro.SupplyEvent;
import org.flowwatch.schemas.avro.SupplyKind;

/**
 * The demo's supplies, small on purpose so that alerts open, escalate and close within a day of replay: at the start
 * a stock count of water at Goris and of food at Vayk; a recount of Vayk's food at half-time; a water convoy to Goris
 * announced at 5/8 of the replay for 7/8, and delivered then under the same convoy id; a food convoy to Vayk announced
 * at 3/8 for 5/8 that never arrives (held at the corridor), so the sites app shows it overdue.
 * The first 24 hours of the 2023 curve bring about 5,100 people, half to each centre, fewer there at any time as
 * people move on after about 15 hours: Goris water 30,000 L covers under 3 days above 666 people (warning) and under
 * 1 day above 2,000 (critical); after the 120,000 L convoy, 150,000 L cover over 3.3 days up to 3,030 people
 * (resolved). Vayk food 4,000,000 kcal: warning above 635 people, critical above 1,905.
 */
public final class DemoSupplies {

    static final String DELIVERED_CONVOY = "DEMO-WATER-1";
    static final String HELD_CONVOY = "DEMO-FOOD-1";

    private DemoSupplies() {
    }

    public static List<SupplyEvent> forReplay(Instant start, Duration length) {
        Instant waterAnnounced = start.plus(length.multipliedBy(5).dividedBy(8));
        Instant waterArrives = start.plus(length.multipliedBy(7).dividedBy(8));
        Instant foodAnnounced = start.plus(length.multipliedBy(3).dividedBy(8));
        Instant foodDue = waterAnnounced;
        return List.of(
                supply("goris", "water", SupplyKind.STOCK_COUNT, 30_000, "litre", start).setSource("opening stock count").build(),
                supply("vayk", "food", SupplyKind.STOCK_COUNT, 4_000_000, "kcal", start).setSource("opening stock count").build(),
                convoy(supply("vayk", "food", SupplyKind.CONVOY_ANNOUNCED, 6_000_000, "kcal", foodAnnounced), HELD_CONVOY)
                        .setExpectedAt(foodDue).build(),
                supply("vayk", "food", SupplyKind.STOCK_COUNT, 3_000_000, "kcal", start.plus(length.dividedBy(2))).setSource("recount").build(),
                convoy(supply("goris", "water", SupplyKind.CONVOY_ANNOUNCED, 120_000, "litre", waterAnnounced), DELIVERED_CONVOY)
                        .setExpectedAt(waterArrives).build(),
                convoy(supply("goris", "water", SupplyKind.DELIVERY, 120_000, "litre", waterArrives), DELIVERED_CONVOY).build());
    }

    private static SupplyEvent.Builder convoy(SupplyEvent.Builder supply, String convoyId) {
        return supply.setConvoyId(convoyId).setSource("convoy from Yerevan");
    }

    private static SupplyEvent.Builder supply(String siteId, String item, SupplyKind kind, double quantity, String unit, Instant at) {
        return SupplyEvent.newBuilder()
                .setEventId(UUID.nameUUIDFromBytes((siteId + item + kind + at).getBytes(StandardCharsets.UTF_8)))
                .setSiteId(siteId).setItem(item).setKind(kind).setQuantity(quantity).setUnit(unit).setOccurredAt(at).setRecordedAt(at);
    }
}
