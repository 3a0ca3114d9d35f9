package org.flowwatch.streams.sites;

import org.flowwatch.schemas.avro.SiteInput;
import org.flowwatch.schemas.avro.SiteStatus;

/** What the ledger makes of an input: a site's new status, or the input refused (its reason travels in headers). */
record LedgerOutcome(SiteStatus status, SiteInput rejected) {

    static LedgerOutcome status(SiteStatus status) {
        return new LedgerOutcome(status, null);
    }

    static LedgerOutcome rejected(SiteInput input) {
        return new LedgerOutcome(null, input);
    }

    boolean isRejected() {
        return rejected != null;
    }
}
