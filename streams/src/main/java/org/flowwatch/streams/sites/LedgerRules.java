package org.flowwatch.streams.sites;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;
import org.flowwatch.schemas.avro.CrossingEvent;
import org.flowwatch.schemas.avro.Item;
import org.flowwatch.schemas.avro.Site;
import org.flowwatch.schemas.avro.SiteMovement;
import org.flowwatch.schemas.avro.SupplyEvent;
import org.flowwatch.streams.sites.LedgerChange.PopulationDelta;

/**
 * Decides what each input does to the ledger, given the current population and stock: arrivals go to the crossing's
 * destination site, else the post's reception site; movements never make a population negative; distributions
 * never take more than the stock. Pure (lookups are passed in), so it is tested without Kafka.
 */
final class LedgerRules {

    private final Function<String, Optional<Site>> sites;
    private final ToLongFunction<String> population;

    LedgerRules(Function<String, Optional<Site>> sites, ToLongFunction<String> population) {
        this.sites = sites;
        this.population = population;
    }

    LedgerChange arrival(CrossingEvent crossing) {
        String siteId = crossing.getDestinationSiteId() != null ? crossing.getDestinationSiteId()
                : sites.apply(crossing.getPostId()).map(Site::getReceptionSiteId).orElse(null);
        if (siteId == null) {
            return LedgerChange.refused("no-destination", "crossing at post '" + crossing.getPostId()
                    + "' has no destination site and the post has no reception site");
        }
        return unknown(siteId).orElseGet(() -> LedgerChange.people(new PopulationDelta(siteId, crossing.getPeople())));
    }

    LedgerChange movement(SiteMovement move) {
        if (move.getPeople() <= 0) {
            return LedgerChange.refused("people-not-positive", "a movement must move at least one person, got " + move.getPeople());
        }
        return switch (move.getKind()) {
            case ARRIVAL -> required(move.getToSiteId(), "toSiteId", "ARRIVAL").or(() -> unknown(move.getToSiteId()))
                    .orElseGet(() -> LedgerChange.people(new PopulationDelta(move.getToSiteId(), move.getPeople())));
            case DEPARTURE -> required(move.getFromSiteId(), "fromSiteId", "DEPARTURE").or(() -> leaving(move))
                    .orElseGet(() -> LedgerChange.people(new PopulationDelta(move.getFromSiteId(), -move.getPeople())));
            case TRANSFER -> required(move.getFromSiteId(), "fromSiteId", "TRANSFER")
                    .or(() -> required(move.getToSiteId(), "toSiteId", "TRANSFER"))
                    .or(() -> unknown(move.getToSiteId())).or(() -> leaving(move))
                    .orElseGet(() -> LedgerChange.people(new PopulationDelta(move.getFromSiteId(), -move.getPeople()),
                            new PopulationDelta(move.getToSiteId(), move.getPeople())));
        };
    }

    LedgerChange supply(SupplyEvent supply, Optional<Item> item, ToDoubleFunction<String> stockOfItem) {
        if (supply.getQuantity() < 0 || Double.isNaN(supply.getQuantity())) {
            return LedgerChange.refused("quantity-negative", "a supply quantity must be 0 or more, got " + supply.getQuantity());
        }
        Optional<LedgerChange> problem = unknown(supply.getSiteId()).or(() -> item
                .filter(known -> !known.getUnit().equals(supply.getUnit()))
                .map(known -> LedgerChange.refused("unit-mismatch", "supply of " + supply.getItem() + " is in '"
                        + supply.getUnit() + "' but the item is counted in '" + known.getUnit() + "'")));
        if (problem.isPresent()) {
            return problem.get();
        }
        double stock = stockOfItem.applyAsDouble(supply.getItem());
        return switch (supply.getKind()) {
            case DELIVERY -> LedgerChange.stock(supply.getSiteId(), supply.getItem(), stock + supply.getQuantity());
            case STOCK_COUNT -> LedgerChange.stock(supply.getSiteId(), supply.getItem(), supply.getQuantity());
            case DISTRIBUTION -> supply.getQuantity() > stock
                    ? LedgerChange.refused("stock-negative", "distribution of " + supply.getQuantity() + " " + supply.getUnit()
                            + " of " + supply.getItem() + " exceeds the stock of " + stock + " at '" + supply.getSiteId() + "'")
                    : LedgerChange.stock(supply.getSiteId(), supply.getItem(), stock - supply.getQuantity());
            case CONVOY_ANNOUNCED -> LedgerChange.refused("missing-field", "convoy announcements are not read yet");
        };
    }

    private Optional<LedgerChange> leaving(SiteMovement move) {
        String from = move.getFromSiteId();
        long there = population.applyAsLong(from);
        return unknown(from).or(() -> there >= move.getPeople() ? Optional.empty()
                : Optional.of(LedgerChange.refused("population-negative", move.getKind() + " of " + move.getPeople()
                        + " people from '" + from + "' would make its population negative (it has " + there + ")")));
    }

    private Optional<LedgerChange> unknown(String siteId) {
        return sites.apply(siteId).isPresent() ? Optional.empty()
                : Optional.of(LedgerChange.refused("unknown-site", "site '" + siteId
                        + "' is not in the sites reference data (add it with: flowwatch reference site)"));
    }

    private static Optional<LedgerChange> required(String value, String field, String kind) {
        return value != null ? Optional.empty()
                : Optional.of(LedgerChange.refused("missing-field", kind + " needs " + field));
    }
}
