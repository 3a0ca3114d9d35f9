package org.flowwatch.producers.replay;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.flowwatch.schemas.avro.SupplyEvent;
import org.flowwatch.schemas.avro.SupplyKind;

/**
 * Supplies at the reception sites: every 6 hours each site hands out water and food to the people sent there so
 * far (Sphere: 15 litres and 2,100 kcal a person a day), and every 12 hours a convoy delivers a little less than
 * that period's need, so stock runs down as arrivals grow, as it did in 2023.
 */
final class SupplyPlan {

    static final Duration DISTRIBUTION_EVERY = Duration.ofHours(6);
    // A list, not Map.of: its iteration order changes between JVMs, and the ids drawn must not.
    private static final List<Item> ITEMS = List.of(new Item("water", 15, "litre"), new Item("food", 2100, "kcal"));
    private static final double DELIVERED_SHARE = 0.9;

    private final Random random;
    private final Map<String, Long> peopleAt = new LinkedHashMap<>();

    SupplyPlan(long seed) {
        this.random = new Random(seed ^ 0x5EED5L);
    }

    void arrived(String site, int people) {
        if (site != null) {
            peopleAt.merge(site, (long) people, Long::sum);
        }
    }

    /** Supplies of the period ending at {@code at}, when {@code at} is on a 6-hour boundary of the replay. */
    List<Delivery> at(Instant at, boolean deliveryDue) {
        List<Delivery> supplies = new ArrayList<>();
        double days = DISTRIBUTION_EVERY.toHours() / 24.0;
        peopleAt.forEach((site, people) -> ITEMS.forEach(item -> {
            double need = people * item.perPersonPerDay() * days;
            supplies.add(supply(at, site, item, SupplyKind.DISTRIBUTION, need, null));
            if (deliveryDue) {
                supplies.add(supply(at, site, item, SupplyKind.DELIVERY, 2 * need * DELIVERED_SHARE, "convoy"));
            }
        }));
        return supplies;
    }

    private Delivery supply(Instant at, String site, Item item, SupplyKind kind, double quantity, String source) {
        return new Delivery.Supply(at, SupplyEvent.newBuilder()
                .setEventId(new UUID(random.nextLong(), random.nextLong()))
                .setSiteId(site).setItem(item.id()).setKind(kind).setQuantity(Math.round(quantity)).setUnit(item.unit())
                .setSource(source).setOccurredAt(at).setRecordedAt(at).build());
    }

    private record Item(String id, double perPersonPerDay, String unit) {
    }
}
