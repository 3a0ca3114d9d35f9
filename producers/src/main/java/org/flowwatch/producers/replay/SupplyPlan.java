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
 * Supplies at the reception sites, every 6 hours of the replay: each site reports the water and food it handed out
 * over those 6 hours to the people there (Sphere: 15 litres and 2,100 kcal a person a day; a distribution covering
 * its period). Every 12 hours a convoy is announced per site and item, a little less than the next 12 hours' need,
 * due 6 hours later, and delivered then under the same convoy id, so stock runs down as arrivals grow, as it did in
 * 2023. One convoy never arrives (held at the corridor): the sites app shows it overdue. Once a day the sites count
 * their stock, within a few percent of what the plan holds, as counts by hand are.
 */
final class SupplyPlan {

    static final Duration DISTRIBUTION_EVERY = Duration.ofHours(6);
    private static final int CONVOY_EVERY = 2;
    private static final int COUNT_EVERY = 4;
    // The first convoys (announced at hour 12, due at hour 18) include the held one: even a 24-hour replay shows it.
    private static final long HELD_PERIOD = 2;
    // A list, not Map.of: its iteration order changes between JVMs, and the ids drawn must not.
    private static final List<Item> ITEMS = List.of(new Item("water", 15, "litre"), new Item("food", 2100, "kcal"));
    private static final double DELIVERED_SHARE = 0.9;
    private static final double COUNT_ERROR = 0.05;

    private final Random random;
    private final String heldSite;
    private final Map<String, Long> peopleAt = new LinkedHashMap<>();
    private final Map<String, Double> stock = new LinkedHashMap<>();
    private final Map<Long, List<SupplyEvent>> convoysDue = new LinkedHashMap<>();

    SupplyPlan(long seed, List<String> sites) {
        this.random = new Random(seed ^ 0x5EED5L);
        this.heldSite = sites.get(sites.size() - 1);
    }

    void arrived(String site, int people) {
        if (site != null) {
            peopleAt.merge(site, (long) people, Long::sum);
        }
    }

    void departed(String site, int people) {
        peopleAt.merge(site, (long) -people, Long::sum);
    }

    /** Supplies of the 6-hour period {@code period} (counted from the replay's start), which ends at {@code at}. */
    List<Delivery> at(Instant at, long period) {
        List<Delivery> supplies = new ArrayList<>();
        convoysDue.getOrDefault(period, List.of()).forEach(announced -> supplies.add(delivered(at, announced)));
        convoysDue.remove(period);
        peopleAt.forEach((site, people) -> ITEMS.forEach(item -> supplies.addAll(atSite(at, period, site, people, item))));
        return supplies;
    }

    private List<Delivery> atSite(Instant at, long period, String site, long people, Item item) {
        if (people <= 0) {
            return List.of();
        }
        List<Delivery> supplies = new ArrayList<>();
        double need = people * item.perPersonPerDay() * DISTRIBUTION_EVERY.toHours() / 24.0;
        supplies.add(booked(supply(at, site, item, SupplyKind.DISTRIBUTION, need).setPeriodStart(at.minus(DISTRIBUTION_EVERY)).build()));
        if (period % COUNT_EVERY == 0) {
            double held = Math.max(0, stock.getOrDefault(site + "/" + item.id(), 0.0));
            double counted = held * (1 + COUNT_ERROR * (2 * random.nextDouble() - 1));
            supplies.add(booked(supply(at, site, item, SupplyKind.STOCK_COUNT, counted).setSource("stock count").build()));
        }
        if (period % CONVOY_EVERY == 0) {
            supplies.add(announced(at, period, site, item, CONVOY_EVERY * need * DELIVERED_SHARE));
        }
        return supplies;
    }

    private Delivery announced(Instant at, long period, String site, Item item, double quantity) {
        Instant eta = at.plus(DISTRIBUTION_EVERY);
        SupplyEvent announcement = supply(at, site, item, SupplyKind.CONVOY_ANNOUNCED, quantity)
                .setConvoyId("replay-" + site + "-" + item.id() + "-" + period).setExpectedAt(eta)
                .setSource("convoy through the corridor").build();
        boolean held = period == HELD_PERIOD && site.equals(heldSite) && item == ITEMS.get(0);
        if (!held) {
            convoysDue.computeIfAbsent(period + 1, due -> new ArrayList<>()).add(announcement);
        }
        return new Delivery.Supply(at, announcement);
    }

    private Delivery delivered(Instant at, SupplyEvent announced) {
        return booked(SupplyEvent.newBuilder(announced).setEventId(nextId()).setKind(SupplyKind.DELIVERY)
                .setExpectedAt(null).setOccurredAt(at).setRecordedAt(at).build());
    }

    // What the plan holds of each item at each site, so that its stock counts are plausible.
    private Delivery booked(SupplyEvent supply) {
        String key = supply.getSiteId() + "/" + supply.getItem();
        switch (supply.getKind()) {
            case DELIVERY -> stock.merge(key, supply.getQuantity(), Double::sum);
            case DISTRIBUTION -> stock.merge(key, -supply.getQuantity(), Double::sum);
            case STOCK_COUNT -> stock.put(key, supply.getQuantity());
            default -> { }
        }
        return new Delivery.Supply(supply.getOccurredAt(), supply);
    }

    private SupplyEvent.Builder supply(Instant at, String site, Item item, SupplyKind kind, double quantity) {
        return SupplyEvent.newBuilder().setEventId(nextId()).setSiteId(site).setItem(item.id()).setKind(kind)
                .setQuantity(Math.round(quantity)).setUnit(item.unit()).setOccurredAt(at).setRecordedAt(at);
    }

    private UUID nextId() {
        return new UUID(random.nextLong(), random.nextLong());
    }

    private record Item(String id, double perPersonPerDay, String unit) {
    }
}
