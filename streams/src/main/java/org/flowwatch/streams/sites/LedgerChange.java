package org.flowwatch.streams.sites;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.flowwatch.schemas.avro.SiteEffect;
import org.flowwatch.streams.sites.ledger.SiteLedger;

/**
 * The effect of one input on the ledger: the site it changes and what it does to it, or why it is refused ({@code rule}
 * is a stable code for dashboards, {@code reason} a sentence for people). What it does to another site (the arriving
 * half of a transfer) comes back as {@link SiteEffect}s: the ledger is partitioned by site, and that site's ledger may
 * be another task's.
 */
record LedgerChange(List<String> sites, Function<Function<String, SiteLedger>, List<SiteEffect>> apply, String rule, String reason) {

    static LedgerChange on(String siteId, Consumer<SiteLedger> apply) {
        return new LedgerChange(List.of(siteId), ledgers -> {
            apply.accept(ledgers.apply(siteId));
            return List.of();
        }, null, null);
    }

    /** Changes {@code siteId} and hands on what follows for another site. */
    static LedgerChange handingOver(String siteId, Function<SiteLedger, SiteEffect> apply) {
        return new LedgerChange(List.of(siteId), ledgers -> List.of(apply.apply(ledgers.apply(siteId))), null, null);
    }

    static LedgerChange refused(String rule, String reason) {
        return new LedgerChange(List.of(), ledgers -> List.of(), rule, reason);
    }

    boolean isRefused() {
        return rule != null;
    }
}
