package org.flowwatch.streams.sites;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import org.flowwatch.schemas.avro.CrossingEvent;
import org.flowwatch.schemas.avro.Item;
import org.flowwatch.schemas.avro.Site;
import org.flowwatch.schemas.avro.SiteHandover;
import org.flowwatch.schemas.avro.SiteMovement;
import org.flowwatch.schemas.avro.SupplyEvent;
import org.flowwatch.schemas.privacy.ReferenceText;
import org.flowwatch.streams.sites.ledger.Convoy;
import org.flowwatch.streams.sites.ledger.SiteLedger;
import org.flowwatch.streams.sites.ledger.StockLedger;
import org.flowwatch.streams.sites.ledger.VulnerableCounts;

/**
 * Decides what each input does to the ledger: arrivals go to the crossing's destination site, else the post's
 * reception site; no one leaves a site who was not counted into it; a distribution larger than the stock takes it to
 * zero and is flagged (the estimate was too high), never refused. Pure (lookups are passed in): tested without Kafka.
 */
final class LedgerRules {

    private final Function<String, Optional<Site>> sites;
    private final ToLongFunction<String> counted;
    private final Predicate<String> heldHere;

    /**
     * @param counted  people routed into a site minus people reported leaving it
     * @param heldHere whether a site's ledger is held by this task (else a transfer to it is handed over)
     */
    LedgerRules(Function<String, Optional<Site>> sites, ToLongFunction<String> counted, Predicate<String> heldHere) {
        this.sites = sites;
        this.counted = counted;
        this.heldHere = heldHere;
    }

    /** The site a crossing's people go to: its destination, else the post's reception site; null if neither. */
    String siteOf(CrossingEvent crossing) {
        return crossing.getDestinationSiteId() != null ? crossing.getDestinationSiteId()
                : sites.apply(crossing.getPostId()).map(Site::getReceptionSiteId).orElse(null);
    }

    /**
     * A correction of a crossing already counted ({@code before}): its people are taken back off the site they were
     * counted at and the new revision's go on (none for a withdrawal), in one step.
     */
    LedgerChange correction(AppliedCrossings.Applied before, CrossingEvent crossing) {
        if (crossing.getWithdrawn() || before.siteId() == null) {
            return before.siteId() == null ? arrivalOrNothing(crossing)
                    : LedgerChange.on(before.siteId(), site -> site.retract(before.people(), before.vulnerable(), before.occurredAt()));
        }
        LedgerChange arrival = arrival(crossing);
        if (arrival.isRefused()) {
            return arrival;
        }
        String siteId = siteOf(crossing);
        return LedgerChange.onBoth(before.siteId(), siteId, ledgers -> {
            ledgers.apply(before.siteId()).retract(before.people(), before.vulnerable(), before.occurredAt());
            arrival.apply().accept(ledgers);
        });
    }

    /** A crossing not counted before: its people arrive, unless it is a withdrawal (read before what it withdraws). */
    LedgerChange arrivalOrNothing(CrossingEvent crossing) {
        return crossing.getWithdrawn() ? LedgerChange.nothing() : arrival(crossing);
    }

    LedgerChange arrival(CrossingEvent crossing) {
        if (crossing.getDestinationUnlisted()) {
            return LedgerChange.refused("destination-unlisted", "crossing at post '" + crossing.getPostId() + "' was sent to a"
                    + " destination that is no site of the reference data (the arrivals app blanked it): its "
                    + crossing.getPeople() + " people are counted in the arrivals but at no site");
        }
        String siteId = siteOf(crossing);
        if (siteId == null) {
            return LedgerChange.refused("no-destination", "crossing at post '" + crossing.getPostId()
                    + "' has no destination site and the post has no reception site");
        }
        long at = crossing.getOccurredAt().toEpochMilli();
        return unknown(siteId).orElseGet(() -> LedgerChange.on(siteId,
                site -> site.arrive(crossing.getPeople(), VulnerableCounts.of(crossing), at, true)));
    }

    LedgerChange movement(SiteMovement move) {
        if (move.getPeople() <= 0) {
            return LedgerChange.refused("people-not-positive", "a movement must move at least one person, got " + move.getPeople());
        }
        long at = move.getOccurredAt().toEpochMilli();
        String from = move.getFromSiteId();
        String to = move.getToSiteId();
        return switch (move.getKind()) {
            case ARRIVAL -> required(to, "toSiteId", "ARRIVAL").or(() -> unknown(to))
                    .orElseGet(() -> LedgerChange.on(to, site -> site.arrive(move.getPeople(), new double[VulnerableCounts.KINDS], at, false)));
            case DEPARTURE -> required(from, "fromSiteId", "DEPARTURE").or(() -> leaving(move))
                    .orElseGet(() -> LedgerChange.on(from, site -> site.leave(move.getPeople(), at)));
            case TRANSFER -> required(from, "fromSiteId", "TRANSFER").or(() -> required(to, "toSiteId", "TRANSFER"))
                    .or(() -> unknown(to)).or(() -> leaving(move))
                    .orElseGet(() -> heldHere.test(to) ? LedgerChange.onBoth(from, to, ledgers -> transfer(ledgers.apply(from),
                            ledgers.apply(to), move.getPeople(), at)) : handOver(move));
        };
    }

    /** The arriving half of a transfer from a site on another partition: those people have left it already. */
    LedgerChange handedOver(SiteHandover handover) {
        double[] share = handover.getVulnerable().stream().mapToDouble(Double::doubleValue).toArray();
        return LedgerChange.on(handover.getToSiteId(), site -> site.arrive(handover.getPeople(), share,
                handover.getOccurredAt().toEpochMilli(), false));
    }

    LedgerChange supply(SupplyEvent supply, Optional<Item> item) {
        if (supply.getQuantity() < 0 || Double.isNaN(supply.getQuantity()) || Double.isInfinite(supply.getQuantity())) {
            return LedgerChange.refused("quantity-negative", "a supply quantity must be 0 or more, got " + supply.getQuantity());
        }
        Optional<LedgerChange> problem = unknown(supply.getSiteId()).or(() -> item
                .filter(known -> !known.getUnit().equals(supply.getUnit()))
                .map(known -> LedgerChange.refused("unit-mismatch", "supply of " + supply.getItem() + " is in '"
                        + supply.getUnit() + "' but the item is counted in '" + known.getUnit() + "'")))
                .or(() -> wrongPeriod(supply)).or(() -> wrongConvoy(supply));
        if (problem.isPresent()) {
            return problem.get();
        }
        long at = supply.getOccurredAt().toEpochMilli();
        return LedgerChange.on(supply.getSiteId(), site -> {
            StockLedger stock = site.stock(supply.getItem());
            switch (supply.getKind()) {
                case DELIVERY -> stock.deliver(supply.getQuantity(), supply.getConvoyId(), at);
                case STOCK_COUNT -> stock.count(supply.getQuantity(), Math.min(at, site.at), site.at);
                case DISTRIBUTION -> stock.distribute(supply.getQuantity(),
                        supply.getPeriodStart() == null ? null : supply.getPeriodStart().toEpochMilli(), Math.min(at, site.at), site.at);
                case CONVOY_ANNOUNCED -> stock.expect(new Convoy(supply.getConvoyId(), supply.getQuantity(),
                        supply.getExpectedAt().toEpochMilli()));
            }
        });
    }

    private static void transfer(SiteLedger from, SiteLedger to, int people, long at) {
        double[] share = shareOf(from, people);
        from.leave(people, at);
        to.arrive(people, share, at, false);
    }

    // The receiving site is another task's: its half goes there as a hand-over, sent in the same transaction.
    private static LedgerChange handOver(SiteMovement move) {
        SiteHandover handover = new SiteHandover(move.getEventId(), move.getFromSiteId(), move.getToSiteId(), move.getPeople(),
                List.of(), move.getOccurredAt());
        return LedgerChange.handingOver(move.getFromSiteId(), handover, from -> {
            handover.setVulnerable(Arrays.stream(shareOf(from, move.getPeople())).boxed().toList());
            from.leave(move.getPeople(), move.getOccurredAt().toEpochMilli());
        });
    }

    // The people who move take their share of the vulnerable with them (who they are is not known: the share is).
    private static double[] shareOf(SiteLedger from, int people) {
        double[] share = from.vulnerable.clone();
        double population = from.population();
        for (int i = 0; i < share.length; i++) {
            share[i] = population <= 0 ? 0 : share[i] * Math.min(1, people / population);
        }
        return share;
    }

    private Optional<LedgerChange> leaving(SiteMovement move) {
        String from = move.getFromSiteId();
        return unknown(from).or(() -> {
            long there = counted.applyAsLong(from);
            return there >= move.getPeople() ? Optional.empty()
                    : Optional.of(LedgerChange.refused("population-negative", move.getKind() + " of " + move.getPeople()
                            + " people from '" + from + "' is more than the " + there + " people counted there"));
        });
    }

    private static Optional<LedgerChange> wrongPeriod(SupplyEvent supply) {
        return supply.getPeriodStart() == null || !supply.getPeriodStart().isAfter(supply.getOccurredAt()) ? Optional.empty()
                : Optional.of(LedgerChange.refused("period-invalid", "distribution period starts at " + supply.getPeriodStart()
                        + ", after it ends at " + supply.getOccurredAt()));
    }

    // A convoy id is shown on every status until the convoy is delivered: only a reference may be (ReferenceText).
    private static Optional<LedgerChange> wrongConvoy(SupplyEvent supply) {
        if (supply.getConvoyId() != null && !ReferenceText.isReference(supply.getConvoyId())) {
            return Optional.of(LedgerChange.refused("convoy-not-a-reference", supply.getKind() + " names a convoy by"
                    + " something that is not its reference (" + ReferenceText.RULE + "; never a driver's name, a phone or"
                    + " a plate): send it again with the convoy's reference"));
        }
        return switch (supply.getKind()) {
            case CONVOY_ANNOUNCED -> required(supply.getConvoyId(), "convoyId", "CONVOY_ANNOUNCED")
                    .or(() -> required(supply.getExpectedAt(), "expectedAt", "CONVOY_ANNOUNCED"))
                    .or(() -> supply.getExpectedAt().isBefore(supply.getOccurredAt())
                            ? Optional.of(LedgerChange.refused("eta-in-the-past", "convoy " + supply.getConvoyId()
                                    + " was announced at " + supply.getOccurredAt() + " with an ETA before that, "
                                    + supply.getExpectedAt() + ": announce it with the time it is still expected"))
                            : Optional.empty());
            default -> Optional.empty();
        };
    }

    private Optional<LedgerChange> unknown(String siteId) {
        return sites.apply(siteId).isPresent() ? Optional.empty()
                : Optional.of(LedgerChange.refused("unknown-site", "site '" + siteId
                        + "' is not in the sites reference data (add it with: flowwatch reference site)"));
    }

    private static Optional<LedgerChange> required(Object value, String field, String kind) {
        return value != null ? Optional.empty()
                : Optional.of(LedgerChange.refused("missing-field", kind + " needs " + field));
    }
}
