package org.flowwatch.cli;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.flowwatch.producers.replay.ArrivalsCurve;
import org.flowwatch.producers.replay.GroundTruth;
import org.flowwatch.schemas.avro.ArrivalCount;
import org.flowwatch.schemas.avro.CountScope;
import org.flowwatch.schemas.avro.Direction;
import org.flowwatch.schemas.avro.Granularity;
import org.flowwatch.schemas.avro.RollingCount;
import org.flowwatch.schemas.topics.ArrivalKeys;
import org.flowwatch.schemas.topics.RollingKeys;

/**
 * The hourly, daily and rolling arrivals every post, region and the operation should show, summed from what the replay sent
 * (its {@link GroundTruth}) and the posts' regions in the reference data, apart from the topology; and what the count
 * topics show, the latest revision of each window. Both keyed by {@link ArrivalKeys}, windows with no one left out.
 */
final class ExpectedCounts {

    private ExpectedCounts() {
    }

    static Map<String, Long> from(Function<String, String> regionOfPost, GroundTruth... truths) {
        Map<String, Long> expected = new TreeMap<>();
        for (GroundTruth truth : truths) {
            add(expected, truth, regionOfPost);
        }
        expected.values().removeIf(people -> people == 0);
        return expected;
    }

    private static void add(Map<String, Long> expected, GroundTruth truth, Function<String, String> regionOfPost) {
        for (String post : truth.posts()) {
            truth.peopleByHour(post).forEach((hour, people) -> addEverywhere(expected, post, regionOfPost.apply(post),
                    Granularity.HOUR, hour, people));
            truth.peopleByDay(post).forEach((day, people) -> addEverywhere(expected, post, regionOfPost.apply(post),
                    Granularity.DAY, day.atStartOfDay(ArrivalsCurve.ARMENIA).toInstant(), people));
        }
    }

    static Map<String, Long> counted(List<ArrivalCount> revisions) {
        Map<String, ArrivalCount> latest = new HashMap<>();
        revisions.forEach(count -> latest.put(ArrivalKeys.of(count), count));
        Map<String, Long> counted = new TreeMap<>();
        latest.forEach((key, count) -> {
            if (count.getDirection() == Direction.ARRIVAL && count.getPeople() != 0) {
                counted.put(key, count.getPeople());
            }
        });
        return counted;
    }

    /**
     * Each latest rolling figure (per scope and period) beside what the replays sent in its own window: the people of
     * the scope's posts who crossed from its start to its end, as "counted / sent". Arrivals only.
     */
    static Map<String, String> rolling(List<RollingCount> revisions, Function<String, String> regionOfPost, GroundTruth... truths) {
        Map<String, RollingCount> latest = new HashMap<>();
        revisions.forEach(count -> latest.put(RollingKeys.of(count), count));
        Map<String, String> figures = new TreeMap<>();
        latest.forEach((key, count) -> {
            if (count.getDirection() != Direction.ARRIVAL) {
                return;
            }
            long sent = 0;
            for (GroundTruth truth : truths) {
                for (String post : truth.posts()) {
                    boolean inScope = switch (count.getScope()) {
                        case POST -> post.equals(count.getScopeId());
                        case REGION -> count.getScopeId().equals(regionOfPost.apply(post));
                        case ALL -> true;
                    };
                    sent += inScope ? truth.peopleBetween(post, count.getWindowStart(), count.getWindowEnd()) : 0;
                }
            }
            figures.put(key, count.getPeople() + " / " + sent);
        });
        return figures;
    }

    private static void addEverywhere(Map<String, Long> expected, String post, String region, Granularity granularity,
                                      Instant windowStart, long people) {
        expected.merge(ArrivalKeys.of(CountScope.POST, post, granularity, Direction.ARRIVAL, windowStart), people, Long::sum);
        expected.merge(ArrivalKeys.of(CountScope.REGION, region, granularity, Direction.ARRIVAL, windowStart), people, Long::sum);
        expected.merge(ArrivalKeys.of(CountScope.ALL, "all", granularity, Direction.ARRIVAL, windowStart), people, Long::sum);
    }
}
