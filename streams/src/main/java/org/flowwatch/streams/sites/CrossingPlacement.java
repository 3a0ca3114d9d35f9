package org.flowwatch.streams.sites;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.flowwatch.schemas.avro.CrossingEvent;
import org.flowwatch.schemas.avro.Site;
import org.flowwatch.schemas.avro.SiteEffect;
import org.flowwatch.streams.sites.ledger.VulnerableCounts;

/**
 * Where a crossing's people are counted: the crossing's destination, else the post's reception site. A correction
 * (a higher revision, or a withdrawal) takes what the revision before put on its site back off, then places the new
 * figures, possibly on another site. Pure (the sites lookup is passed in): tested without Kafka.
 */
final class CrossingPlacement {

    /** The effects of one crossing on the sites' ledgers, or why it is refused (rule and reason as for the ledger). */
    record Placement(List<SiteEffect> effects, String rule, String reason) {

        static Placement of(List<SiteEffect> effects) {
            return new Placement(effects, null, null);
        }

        static Placement refused(String rule, String reason) {
            return new Placement(List.of(), rule, reason);
        }

        boolean isRefused() {
            return rule != null;
        }
    }

    private final Function<String, Optional<Site>> sites;

    CrossingPlacement(Function<String, Optional<Site>> sites) {
        this.sites = sites;
    }

    /** The site a crossing's people go to: its destination, else the post's reception site; null if neither. */
    String siteOf(CrossingEvent crossing) {
        return crossing.getDestinationSiteId() != null ? crossing.getDestinationSiteId()
                : sites.apply(crossing.getPostId()).map(Site::getReceptionSiteId).orElse(null);
    }

    /** @param before what the latest revision already placed counted, or null for a crossing not placed before */
    Placement place(CrossingEvent crossing, AppliedCrossings.Applied before) {
        if (before == null || before.siteId() == null) {
            return crossing.getWithdrawn() ? Placement.of(List.of()) : arrival(crossing);
        }
        SiteEffect takenBack = SiteEffects.retraction(crossing.getEventId(), before.siteId(), before.people(),
                before.vulnerable(), before.occurredAt());
        if (crossing.getWithdrawn()) {
            return Placement.of(List.of(takenBack));
        }
        Placement arrival = arrival(crossing);
        return arrival.isRefused() ? arrival : Placement.of(List.of(takenBack, arrival.effects().get(0)));
    }

    private Placement arrival(CrossingEvent crossing) {
        String siteId = siteOf(crossing);
        if (siteId == null) {
            return Placement.refused("no-destination", "crossing at post '" + crossing.getPostId()
                    + "' has no destination site and the post has no reception site");
        }
        if (sites.apply(siteId).isEmpty()) {
            return Placement.refused("unknown-site", LedgerRules.unknownSite(siteId));
        }
        return Placement.of(List.of(SiteEffects.arrival(crossing.getEventId(), siteId, crossing.getPeople(),
                VulnerableCounts.of(crossing), crossing.getOccurredAt().toEpochMilli(), true)));
    }
}
