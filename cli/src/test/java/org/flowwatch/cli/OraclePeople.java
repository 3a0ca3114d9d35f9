package org.flowwatch.cli;

import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.flowwatch.schemas.avro.CrossingEvent;
import org.flowwatch.schemas.avro.MovementKind;
import org.flowwatch.schemas.avro.Site;
import org.flowwatch.schemas.avro.SiteMovement;
import org.flowwatch.schemas.avro.SupplyEvent;
import org.flowwatch.schemas.config.Settings;

/**
 * The people at each site as the sites app's rules in the streams README have it, worked out from the committed ledger
 * inputs apart from the topology: those routed in (an arrival goes to its destination, else its post's reception
 * site; a correction moves its revision's people, a withdrawal takes them off, a resend or an older revision changes
 * nothing; an unlisted destination or an unknown site counts no one) plus movement arrivals and transfers in, less
 * departures and transfers out. A departure of more people than are there waits until they are (oldest first), and is
 * dropped once the crossings read are {@code sites.departure.wait} past it. No transit model: a site with a median
 * stay is refused here rather than judged wrong.
 */
final class OraclePeople {

    private record Counted(int revision, String siteId, int people, long hour) {
    }

    private static final long HOUR_MS = 3_600_000L;

    private final Map<String, Site> sites;
    private final long departureWait;
    private final Map<String, Long> people = new HashMap<>();
    private final Map<String, Counted> crossings = new HashMap<>();
    private final Set<String> movementsAndSuppliesApplied = new HashSet<>();
    private final Map<String, SiteMovement> waiting = new LinkedHashMap<>();
    private final Map<String, TreeMap<Long, Long>> crossedByHour = new HashMap<>();
    private final Map<String, Long> firstCrossedAt = new HashMap<>();
    private long crossingsRead = Long.MIN_VALUE;

    OraclePeople(Settings settings, Map<String, Site> sites) {
        this.sites = sites;
        departureWait = settings.duration("sites.departure.wait").toMillis();
        sites.values().stream().filter(site -> site.getMedianStayHours() != null).findAny().ifPresent(site -> {
            throw new IllegalArgumentException(site.getSiteId() + " has a median stay: the transit model is not in this oracle");
        });
    }

    /** Whether the ledger looks at this input at all: not a resend, nor an older revision of a crossing. */
    boolean isNew(Object event) {
        if (event instanceof CrossingEvent crossing) {
            Counted before = crossings.get(crossing.getEventId().toString());
            return before == null || crossing.getRevision() > before.revision();
        }
        String eventId = event instanceof SiteMovement movement ? movement.getEventId().toString()
                : ((SupplyEvent) event).getEventId().toString();
        return !movementsAndSuppliesApplied.contains(eventId);
    }

    /** Applies a new input read at {@code timestamp}; returns the sites it changed (people, or a supply's stock). */
    Set<String> apply(Object event, long timestamp) {
        Set<String> changed = new LinkedHashSet<>();
        if (event instanceof CrossingEvent crossing) {
            crossingsRead = Math.max(crossingsRead, timestamp);
            arrived(crossing, changed);
        } else if (event instanceof SiteMovement movement) {
            moved(movement, changed);
        } else {
            SupplyEvent supply = (SupplyEvent) event;
            movementsAndSuppliesApplied.add(supply.getEventId().toString());
            if (sites.containsKey(supply.getSiteId())) {
                changed.add(supply.getSiteId()); // its stock changed: the site's status is published again
            }
        }
        releaseWaitingThatFit(changed);
        if (crossingsRead != Long.MIN_VALUE) {
            waiting.values().removeIf(movement -> movement.getOccurredAt().toEpochMilli() <= crossingsRead - departureWait);
        }
        return changed;
    }

    long at(String siteId) {
        return people.getOrDefault(siteId, 0L);
    }

    /** People routed to the site by crossings, per hour they crossed (the hour's start): what arrivals trends read. */
    TreeMap<Long, Long> crossedByHour(String siteId) {
        return crossedByHour.getOrDefault(siteId, new TreeMap<>());
    }

    /** When the first people routed to the site by a crossing crossed, or null. */
    Long firstCrossedAt(String siteId) {
        return firstCrossedAt.get(siteId);
    }

    Site site(String siteId) {
        return sites.get(siteId);
    }

    private void arrived(CrossingEvent crossing, Set<String> changed) {
        String eventId = crossing.getEventId().toString();
        Counted before = crossings.get(eventId);
        String siteId = crossing.getDestinationUnlisted() ? null : crossing.getDestinationSiteId() != null
                ? crossing.getDestinationSiteId() : receptionSiteOf(crossing.getPostId());
        boolean counts = !crossing.getWithdrawn();
        if (counts && (siteId == null || !sites.containsKey(siteId))) {
            return; // counted at no site: refused by the ledger, and not remembered
        }
        long hour = Math.floorDiv(crossing.getOccurredAt().toEpochMilli(), HOUR_MS) * HOUR_MS;
        if (before != null && before.siteId() != null) {
            add(before.siteId(), -before.people(), changed);
            crossedByHour.get(before.siteId()).computeIfPresent(before.hour(), (at, people) -> Math.max(0, people - before.people()));
        }
        if (counts) {
            add(siteId, crossing.getPeople(), changed);
            crossedByHour.computeIfAbsent(siteId, id -> new TreeMap<>()).merge(hour, (long) crossing.getPeople(), Long::sum);
            firstCrossedAt.merge(siteId, crossing.getOccurredAt().toEpochMilli(), Math::min);
        }
        crossings.put(eventId, new Counted(crossing.getRevision(), counts ? siteId : null, counts ? crossing.getPeople() : 0, hour));
    }

    private void moved(SiteMovement movement, Set<String> changed) {
        if (movement.getPeople() <= 0 || !known(movement)) {
            return; // refused by the ledger
        }
        if (movement.getKind() != MovementKind.ARRIVAL
                && people.getOrDefault(movement.getFromSiteId(), 0L) < movement.getPeople()) {
            waiting.put(movement.getEventId().toString(), movement); // a resend while it waits replaces it
            return;
        }
        apply(movement, changed);
    }

    private boolean known(SiteMovement movement) {
        return switch (movement.getKind()) {
            case ARRIVAL -> sites.containsKey(movement.getToSiteId());
            case DEPARTURE -> sites.containsKey(movement.getFromSiteId());
            case TRANSFER -> sites.containsKey(movement.getFromSiteId()) && sites.containsKey(movement.getToSiteId());
        };
    }

    private void apply(SiteMovement movement, Set<String> changed) {
        movementsAndSuppliesApplied.add(movement.getEventId().toString());
        if (movement.getFromSiteId() != null) {
            add(movement.getFromSiteId(), -movement.getPeople(), changed);
        }
        if (movement.getToSiteId() != null) {
            add(movement.getToSiteId(), movement.getPeople(), changed);
        }
    }

    // Oldest first, as the ledger releases them after every input it applies.
    private void releaseWaitingThatFit(Set<String> changed) {
        List<SiteMovement> oldestFirst = waiting.values().stream().sorted(Comparator.comparing(SiteMovement::getOccurredAt)
                .thenComparing(movement -> movement.getEventId().toString())).toList();
        for (SiteMovement movement : oldestFirst) {
            if (people.getOrDefault(movement.getFromSiteId(), 0L) >= movement.getPeople()) {
                waiting.remove(movement.getEventId().toString());
                apply(movement, changed);
            }
        }
    }

    private void add(String siteId, long change, Set<String> changed) {
        people.merge(siteId, change, Long::sum);
        changed.add(siteId);
    }

    private String receptionSiteOf(String postId) {
        Site post = sites.get(postId);
        return post == null ? null : post.getReceptionSiteId();
    }
}
