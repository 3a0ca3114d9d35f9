package org.flowwatch.producers.replay;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.flowwatch.schemas.avro.CrossingEvent;
import org.flowwatch.schemas.avro.PostHeartbeat;
import org.flowwatch.schemas.avro.SiteMovement;

/**
 * What happens in one hour of the scenario, deterministic for a seed: the groups crossing (split at every reported
 * figure inside the hour, so the generated cumulative count equals the reported one at each of them), spread over
 * the posts; a silent post's groups held until its silence ends; some groups sent again later with the same
 * eventId; heartbeats of every post that has a network; supplies at the destination sites; people moving on from
 * them after their stay.
 */
final class ScenarioPlan {

    static final String CLIENT_VERSION = "flowwatch-replay/1";
    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration MAX_RESEND_DELAY = Duration.ofMinutes(30);

    private final ReplaySettings settings;
    private final ArrivalsCurve curve;
    private final CrossingGenerator generator;
    private final SupplyPlan supplies;
    private final ReceptionDepartures departures;
    private final Random faults;

    ScenarioPlan(ReplaySettings settings, ArrivalsCurve curve) {
        this.settings = settings;
        this.curve = curve;
        this.generator = new CrossingGenerator(settings.seed(), settings.posts().get(0), settings.destinations());
        this.supplies = new SupplyPlan(settings.seed(), settings.destinations());
        this.departures = new ReceptionDepartures(settings.start(), settings.transit(), settings.seed());
        this.faults = new Random(settings.seed() ^ 0xFA17L);
    }

    /** Everything planned for [hour, hour + 1h), in no particular order; some deliveries fall due later. */
    List<Delivery> hour(Instant hour) {
        List<Delivery> planned = new ArrayList<>();
        Instant end = hour.plus(HOUR);
        for (Instant[] slice : slices(hour, end)) {
            for (CrossingEvent group : generator.groups(curve.peopleBetween(slice[0], slice[1]), slice[0],
                    java.time.Duration.between(slice[0], slice[1]))) {
                planned.addAll(crossing(atPost(group)));
            }
        }
        planned.addAll(heartbeats(hour, end));
        if (settings.transit().departures()) {
            planned.addAll(departuresDuring(hour));
        }
        if (settings.supplies()) {
            planned.addAll(suppliesDue(end));
        }
        return planned;
    }

    private List<Delivery> crossing(CrossingEvent group) {
        supplies.arrived(group.getDestinationSiteId(), group.getPeople());
        Instant deliverAt = settings.silence().filter(silence -> silence.covers(group.getPostId(), group.getOccurredAt()))
                .map(ReplaySettings.Silence::until).orElse(group.getOccurredAt());
        // Routed when delivered: a silent post's groups reach the site's population only when its backlog is sent.
        departures.routed(group.getDestinationSiteId(), group.getPeople(), deliverAt);
        List<Delivery> deliveries = new ArrayList<>(List.of(new Delivery.Crossing(deliverAt, group, false)));
        if (faults.nextDouble() < settings.resendShare()) {
            Instant again = deliverAt.plusMillis(1 + (long) (faults.nextDouble() * MAX_RESEND_DELAY.toMillis()));
            deliveries.add(new Delivery.Crossing(again, group, true));
        }
        return deliveries;
    }

    private CrossingEvent atPost(CrossingEvent group) {
        List<String> posts = settings.posts();
        if (posts.size() > 1) {
            group.setPostId(posts.get(faults.nextInt(posts.size())));
        }
        return group;
    }

    private List<Delivery> heartbeats(Instant hour, Instant end) {
        List<Delivery> beats = new ArrayList<>();
        for (Instant at = hour; at.isBefore(end); at = at.plus(settings.heartbeatInterval())) {
            for (String post : settings.posts()) {
                final Instant beatAt = at;
                if (settings.silence().filter(silence -> silence.covers(post, beatAt)).isEmpty()) {
                    beats.add(new Delivery.Heartbeat(at, PostHeartbeat.newBuilder().setPostId(post).setSentAt(at)
                            .setPendingEvents(0).setOldestPendingAt(null).setClientVersion(CLIENT_VERSION).build()));
                }
            }
        }
        return beats;
    }

    private List<Delivery> departuresDuring(Instant hour) {
        List<Delivery> leaving = new ArrayList<>();
        for (SiteMovement departure : departures.during(hour)) {
            supplies.departed(departure.getFromSiteId(), departure.getPeople());
            leaving.add(new Delivery.Movement(departure.getOccurredAt(), departure));
        }
        return leaving;
    }

    private List<Delivery> suppliesDue(Instant end) {
        long hoursIn = Duration.between(settings.start(), end).toHours();
        long period = SupplyPlan.DISTRIBUTION_EVERY.toHours();
        return hoursIn % period == 0 ? supplies.at(end.minusMillis(1), hoursIn / period) : List.of();
    }

    /** The hour cut at every reported figure inside it. */
    private List<Instant[]> slices(Instant hour, Instant end) {
        TreeSet<Instant> cuts = new TreeSet<>(List.of(hour, end));
        curve.points().stream().map(CurvePoint::at).filter(at -> at.isAfter(hour) && at.isBefore(end)).forEach(cuts::add);
        List<Instant[]> slices = new ArrayList<>();
        Instant previous = null;
        for (Instant cut : cuts) {
            if (previous != null) {
                slices.add(new Instant[] {previous, cut});
            }
            previous = cut;
        }
        return slices;
    }
}
