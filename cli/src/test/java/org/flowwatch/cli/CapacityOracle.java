package org.flowwatch.cli;

import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.flowwatch.schemas.avro.Alert;
import org.flowwatch.schemas.avro.AlertKind;
import org.flowwatch.schemas.avro.CrossingEvent;
import org.flowwatch.schemas.avro.MovementKind;
import org.flowwatch.schemas.avro.Site;
import org.flowwatch.schemas.avro.SiteMovement;
import org.flowwatch.schemas.avro.SupplyEvent;
import org.flowwatch.schemas.config.Settings;

/**
 * CAPACITY episodes worked out from the sites app's committed ledger inputs ({@link LedgerInputs}) apart from the
 * topology, by the rules of the streams README: the people at a site are those routed in (an arrival goes to its
 * destination, else its post's reception site; a correction moves its revision's people, a withdrawal takes them off,
 * a resend or older revision changes nothing; an unlisted destination or an unknown site counts no one) plus movement
 * arrivals and transfers in, less departures and transfers out; a departure of more people than are there waits until
 * they are (oldest first), and is dropped once the crossings read are {@code sites.departure.wait} past it. After each
 * input, each site whose people changed is judged at the operation clock (the latest input's time, never back):
 * occupancy = people / capacity, WARNING from {@code sites.capacity.warning}, CRITICAL from
 * {@code sites.capacity.critical}, coming down once {@code sites.alerts.margin} clear. No transit model: the 2023
 * sites have no median stay (a site with one is refused here rather than judged wrong).
 */
final class CapacityOracle {

    private record Counted(int revision, String siteId, int people) {
    }

    private final Map<String, Site> sites;
    private final double warning;
    private final double critical;
    private final double margin;
    private final long departureWait;
    private final Map<String, Long> people = new HashMap<>();
    private final Map<String, Counted> crossings = new HashMap<>();
    private final Set<String> movementsAndSuppliesApplied = new HashSet<>();
    private final Map<String, SiteMovement> waiting = new LinkedHashMap<>();
    private final OracleEpisodes episodes = new OracleEpisodes(AlertKind.CAPACITY);

    private CapacityOracle(Settings settings, Map<String, Site> sites) {
        this.sites = sites;
        warning = settings.decimal("sites.capacity.warning");
        critical = settings.decimal("sites.capacity.critical");
        margin = settings.decimal("sites.alerts.margin");
        departureWait = settings.duration("sites.departure.wait").toMillis();
        sites.values().stream().filter(site -> site.getMedianStayHours() != null).findAny().ifPresent(site -> {
            throw new IllegalArgumentException(site.getSiteId() + " has a median stay: the transit model is not in this oracle");
        });
    }

    /** Every change of every CAPACITY episode, {@code version state severity people}, per alertId. */
    static Map<String, List<String>> changes(Settings settings, LedgerInputs ledger, Map<String, Site> sites) {
        CapacityOracle oracle = new CapacityOracle(settings, sites);
        long clock = Long.MIN_VALUE;
        long crossingsRead = Long.MIN_VALUE;
        for (LedgerInputs.Input input : ledger.inputs()) {
            if (!oracle.isNew(input.event())) {
                continue; // a resend or an older revision: the ledger does not even look at its time
            }
            clock = Math.max(clock, input.timestamp());
            Set<String> changed = new LinkedHashSet<>();
            if (input.event() instanceof CrossingEvent crossing) {
                crossingsRead = Math.max(crossingsRead, input.timestamp());
                oracle.arrived(crossing, changed);
            } else if (input.event() instanceof SiteMovement movement) {
                oracle.moved(movement, changed);
            } else {
                oracle.movementsAndSuppliesApplied.add(((SupplyEvent) input.event()).getEventId().toString());
            }
            oracle.releaseWaitingThatFit(changed);
            if (crossingsRead != Long.MIN_VALUE) {
                oracle.dropWaitingOlderThan(crossingsRead - oracle.departureWait);
            }
            for (String siteId : changed.stream().sorted().toList()) {
                oracle.judge(siteId, clock);
            }
        }
        return oracle.episodes.changes();
    }

    /** The same from the alerts the app raised. */
    static Map<String, List<String>> raised(List<Alert> alerts) {
        return OracleEpisodes.raised(alerts, AlertKind.CAPACITY, "population");
    }

    private boolean isNew(Object event) {
        if (event instanceof CrossingEvent crossing) {
            Counted before = crossings.get(crossing.getEventId().toString());
            return before == null || crossing.getRevision() > before.revision();
        }
        String eventId = event instanceof SiteMovement movement ? movement.getEventId().toString()
                : ((SupplyEvent) event).getEventId().toString();
        return !movementsAndSuppliesApplied.contains(eventId);
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
        if (before != null && before.siteId() != null) {
            add(before.siteId(), -before.people(), changed);
        }
        if (counts) {
            add(siteId, crossing.getPeople(), changed);
        }
        crossings.put(eventId, new Counted(crossing.getRevision(), counts ? siteId : null, counts ? crossing.getPeople() : 0));
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

    private void dropWaitingOlderThan(long time) {
        waiting.values().removeIf(movement -> movement.getOccurredAt().toEpochMilli() <= time);
    }

    private void add(String siteId, long change, Set<String> changed) {
        people.merge(siteId, change, Long::sum);
        changed.add(siteId);
    }

    private void judge(String siteId, long now) {
        Integer capacity = sites.get(siteId).getCapacityPeople();
        long there = people.getOrDefault(siteId, 0L);
        double occupancy = capacity == null || capacity <= 0 ? 0 : (double) there / capacity;
        episodes.judge(siteId, levelOf(occupancy), levelOf(occupancy * (1 + margin)), now, there);
    }

    private OracleEpisodes.Level levelOf(double occupancy) {
        return occupancy >= critical ? OracleEpisodes.Level.CRITICAL : occupancy >= warning ? OracleEpisodes.Level.WARNING
                : OracleEpisodes.Level.NORMAL;
    }

    private String receptionSiteOf(String postId) {
        Site post = sites.get(postId);
        return post == null ? null : post.getReceptionSiteId();
    }
}
