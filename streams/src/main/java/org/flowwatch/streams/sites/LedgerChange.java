package org.flowwatch.streams.sites;

import java.util.List;

/**
 * The effect of one input on the ledger: the population and stock changes to apply (all or none), or why it is
 * refused ({@code rule} is a stable code for dashboards, {@code reason} a sentence for people).
 */
record LedgerChange(List<PopulationDelta> population, StockChange stock, String rule, String reason) {

    record PopulationDelta(String siteId, long people) {
    }

    /** A new stock level of one item at one site. */
    record StockChange(String siteId, String itemId, double level) {
    }

    static LedgerChange people(PopulationDelta... deltas) {
        return new LedgerChange(List.of(deltas), null, null, null);
    }

    static LedgerChange stock(String siteId, String itemId, double level) {
        return new LedgerChange(List.of(), new StockChange(siteId, itemId, level), null, null);
    }

    static LedgerChange refused(String rule, String reason) {
        return new LedgerChange(List.of(), null, rule, reason);
    }

    boolean isRefused() {
        return rule != null;
    }
}
