package org.flowwatch.producers.replay;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import org.flowwatch.schemas.avro.MovementKind;
import org.flowwatch.schemas.avro.MovementReason;
import org.flowwatch.schemas.avro.SiteMovement;

/**
 * People moving on from the reception sites. In 2023 Goris and Vayk were transit points: people registered and left
 * within about a day, to state housing or to relatives and onward. Each group routed to a site draws its stay from a
 * log-normal around the median stay, and whether it goes to housing, from the replay's seed (a rerun is the same);
 * departures are summed per site, hour and reason and sent at the end of the hour.
 *
 * <p>A group leaves at the earliest in the hour after the one it reached the site in, so a site never reports more
 * people leaving than it received, whatever the order records are processed in within an hour.
 */
final class ReceptionDepartures {

    private static final Duration HOUR = Duration.ofHours(1);
    // Spread of the stays: with a 15 h median, one group in ten leaves within 8 h and one in ten stays over 28 h.
    private static final double STAY_SPREAD = 0.5;

    private final Instant start;
    private final ReplaySettings.Transit transit;
    private final long seed;
    private final Random random;
    // hour index (from the replay's start) -> site -> people leaving {to housing, onward}
    private final Map<Long, Map<String, long[]>> leaving = new TreeMap<>();

    ReceptionDepartures(Instant start, ReplaySettings.Transit transit, long seed) {
        this.start = start;
        this.transit = transit;
        this.seed = seed;
        this.random = new Random(seed ^ 0xDE9A27L);
    }

    /** A group of {@code people} reached {@code site} at {@code deliveredAt} (when the sites app can first see it). */
    void routed(String site, int people, Instant deliveredAt) {
        if (site == null) {
            return;
        }
        long stayMillis = (long) (transit.medianStay().toMillis() * Math.exp(STAY_SPREAD * random.nextGaussian()));
        long arrivedHour = hourIndex(deliveredAt);
        long leavesHour = Math.max(arrivedHour + 1, hourIndex(deliveredAt.plusMillis(stayMillis)));
        int reason = random.nextDouble() < transit.housingShare() ? 0 : 1;
        leaving.computeIfAbsent(leavesHour, hour -> new TreeMap<>()).computeIfAbsent(site, s -> new long[2])[reason] += people;
    }

    /** The departures of the hour starting at {@code hour}, stamped at its last millisecond, housing first. */
    List<SiteMovement> during(Instant hour) {
        Map<String, long[]> due = leaving.remove(hourIndex(hour));
        List<SiteMovement> departures = new ArrayList<>();
        if (due != null) {
            Instant at = hour.plus(HOUR).minusMillis(1);
            due.forEach((site, people) -> {
                addIfAny(departures, site, MovementReason.HOUSING, people[0], at);
                addIfAny(departures, site, MovementReason.ONWARD, people[1], at);
            });
        }
        return departures;
    }

    private void addIfAny(List<SiteMovement> departures, String site, MovementReason reason, long people, Instant at) {
        if (people > 0) {
            departures.add(SiteMovement.newBuilder()
                    .setEventId(UUID.nameUUIDFromBytes(("replay-departure/" + seed + "/" + site + "/" + reason + "/" + at)
                            .getBytes(StandardCharsets.UTF_8)))
                    .setKind(MovementKind.DEPARTURE).setFromSiteId(site).setToSiteId(null).setPeople(Math.toIntExact(people))
                    .setOccurredAt(at).setRecordedAt(at).setReason(reason).build());
        }
    }

    private long hourIndex(Instant at) {
        return Math.floorDiv(Duration.between(start, at).toMillis(), HOUR.toMillis());
    }
}
