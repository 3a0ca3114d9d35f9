package org.flowwatch.producers.reference;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.flowwatch.schemas.avro.SupplyEvent;
import org.flowwatch.schemas.avro.SupplyKind;

/**
 * The demo's supplies, small on purpose so that alerts open, escalate and close within a day of replay: at the start
 * a stock count of water at Goris and of food at Vayk, and at 7/8 of the replay a water convoy to Goris. The first
 * 24 hours of the 2023 curve bring about 5,100 people, half to each centre (about 760 by hour 12, 2,000 by hour 20):
 * Goris water 30,000 L covers under 3 days above 666 people (warning, about hour 11) and under 1 day above 2,000
 * (critical, about hour 20); after the 120,000 L convoy, 150,000 L cover over 3.3 days up to 3,030 people (resolved).
 * Vayk food 4,000,000 kcal: warning above 635 people, critical above 1,905.
 */
public final class DemoSupplies {

    private DemoSupplies() {
    }

    public static List<SupplyEvent> forReplay(Instant start, Duration length) {
        Instant convoy = start.plus(length.multipliedBy(7).dividedBy(8));
        return List.of(
                supply("goris", "water", SupplyKind.STOCK_COUNT, 30_000, "litre", start, "opening stock count"),
                supply("vayk", "food", SupplyKind.STOCK_COUNT, 4_000_000, "kcal", start, "opening stock count"),
                supply("goris", "water", SupplyKind.DELIVERY, 120_000, "litre", convoy, "water convoy from Yerevan"));
    }

    private static SupplyEvent supply(String siteId, String item, SupplyKind kind, double quantity, String unit,
                                      Instant at, String source) {
        return SupplyEvent.newBuilder().setEventId(UUID.nameUUIDFromBytes((siteId + item + kind + at).getBytes()))
                .setSiteId(siteId).setItem(item).setKind(kind).setQuantity(quantity).setUnit(unit).setSource(source)
                .setOccurredAt(at).setRecordedAt(at).build();
    }
}
