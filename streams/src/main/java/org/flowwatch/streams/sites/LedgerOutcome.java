package org.flowwatch.streams.sites;

import org.flowwatch.schemas.avro.SiteInput;
import org.flowwatch.schemas.avro.SiteStatus;

/**
 * What the ledger makes of an input: a site's new status, the input refused (its reason travels in headers), or
 * people handed over to a site on another partition.
 */
record LedgerOutcome(SiteStatus status, SiteInput rejected, SiteInput handover) {

    static LedgerOutcome status(SiteStatus status) {
        return new LedgerOutcome(status, null, null);
    }

    static LedgerOutcome rejected(SiteInput input) {
        return new LedgerOutcome(null, input, null);
    }

    static LedgerOutcome handover(SiteInput handover) {
        return new LedgerOutcome(null, null, handover);
    }

    boolean isRejected() {
        return rejected != null;
    }

    boolean isHandover() {
        return handover != null;
    }
}
