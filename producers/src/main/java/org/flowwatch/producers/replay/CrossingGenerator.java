package org.flowwatch.producers.replay;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.flowwatch.schemas.avro.AgeBands;
import org.flowwatch.schemas.avro.CrossingEvent;
import org.flowwatch.schemas.avro.Direction;
import org.flowwatch.schemas.avro.SexAgeBreakdown;
import org.flowwatch.schemas.avro.Vulnerabilities;

/**
 * Turns a number of people arriving in an hour into groups of 1-8 with a plausible sex and age mix, mostly one car
 * per group (about 21,000 vehicles carried 100,000 people in 2023). Deterministic: the same seed gives the same
 * events, ids included, so a replay can be checked against its ground truth.
 */
public final class CrossingGenerator {

    private static final int MAX_GROUP = 8;
    // Shares of the UNHCR age bands 0-4, 5-11, 12-17, 18-59, 60+ (the 2023 arrivals had many children and elderly).
    private static final double[] AGE_SHARES = {0.07, 0.11, 0.09, 0.55, 0.18};

    private final Random random;
    private final String postId;
    private final List<String> destinations;

    public CrossingGenerator(long seed, String postId, List<String> destinations) {
        this.random = new Random(seed);
        this.postId = postId;
        this.destinations = List.copyOf(destinations);
    }

    /** The groups, in time order, that together carry exactly {@code people} across during [start, start+length). */
    public List<CrossingEvent> groups(long people, Instant start, Duration length) {
        List<CrossingEvent> groups = new ArrayList<>();
        long left = people;
        while (left > 0) {
            int size = (int) Math.min(left, 1 + random.nextInt(MAX_GROUP));
            Instant at = start.plusMillis((long) (random.nextDouble() * length.toMillis()));
            groups.add(group(size, at));
            left -= size;
        }
        groups.sort(Comparator.comparing(CrossingEvent::getOccurredAt));
        return groups;
    }

    private CrossingEvent group(int people, Instant at) {
        int[] female = new int[AGE_SHARES.length];
        int[] male = new int[AGE_SHARES.length];
        for (int i = 0; i < people; i++) {
            (random.nextBoolean() ? female : male)[ageBand()]++;
        }
        return CrossingEvent.newBuilder()
                .setEventId(new UUID(random.nextLong(), random.nextLong()))
                .setPostId(postId)
                .setOccurredAt(at)
                .setRecordedAt(at.plusSeconds(random.nextInt(120)))
                .setDirection(Direction.ARRIVAL)
                .setPeople(people)
                .setBreakdown(new SexAgeBreakdown(bands(female), bands(male)))
                .setVehicles(random.nextDouble() < 0.85 ? 1 : 0)
                .setVulnerabilities(new Vulnerabilities(0, chance(people, 0.02), chance(people, 0.05), chance(people, 0.01)))
                .setDestinationSiteId(destinations.get(random.nextInt(destinations.size())))
                .setOrigin(null)
                .build();
    }

    private int ageBand() {
        double roll = random.nextDouble();
        for (int band = 0; band < AGE_SHARES.length - 1; band++) {
            roll -= AGE_SHARES[band];
            if (roll < 0) {
                return band;
            }
        }
        return AGE_SHARES.length - 1;
    }

    private int chance(int people, double perPerson) {
        int count = 0;
        for (int i = 0; i < people; i++) {
            count += random.nextDouble() < perPerson ? 1 : 0;
        }
        return count;
    }

    private static AgeBands bands(int[] counts) {
        return new AgeBands(counts[0], counts[1], counts[2], counts[3], counts[4]);
    }
}
