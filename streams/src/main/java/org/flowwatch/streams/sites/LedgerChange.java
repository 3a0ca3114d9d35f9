package org.flowwatch.streams.sites;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.flowwatch.schemas.avro.SiteHandover;
import org.flowwatch.streams.sites.ledger.SiteLedger;

/**
 * The effect of one input on the ledger: the sites it touches and what it does to them (all at once: a transfer
 * changes two sites in one step, or its sending site and a hand-over to the other site's partition), or why it is
 * refused ({@code rule} is a stable code for dashboards, {@code reason} a sentence for people).
 */
record LedgerChange(List<String> sites, Consumer<Function<String, SiteLedger>> apply, SiteHandover handover, String rule,
                    String reason) {

    static LedgerChange on(String siteId, Consumer<SiteLedger> apply) {
        return new LedgerChange(List.of(siteId), ledgers -> apply.accept(ledgers.apply(siteId)), null, null, null);
    }

    static LedgerChange onBoth(String from, String to, Consumer<Function<String, SiteLedger>> apply) {
        return new LedgerChange(List.of(from, to), apply, null, null, null);
    }

    /** Changes one site and hands people over to a site of another partition ({@code handover}, complete once applied). */
    static LedgerChange handingOver(String from, SiteHandover handover, Consumer<SiteLedger> apply) {
        return new LedgerChange(List.of(from), ledgers -> apply.accept(ledgers.apply(from)), handover, null, null);
    }

    /** An input that changes no site (a withdrawal of a crossing that counted nobody). */
    static LedgerChange nothing() {
        return new LedgerChange(List.of(), ledgers -> { }, null, null, null);
    }

    static LedgerChange refused(String rule, String reason) {
        return new LedgerChange(List.of(), ledgers -> { }, null, rule, reason);
    }

    boolean isRefused() {
        return rule != null;
    }
}
