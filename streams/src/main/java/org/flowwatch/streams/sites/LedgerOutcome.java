package org.flowwatch.streams.sites;

import org.flowwatch.schemas.avro.SiteInput;
import org.flowwatch.schemas.avro.SiteStatus;

/**
 * What a step of the ledger makes of an input: a site's new status, the input refused (its reason travels in
 * headers), or an effect on a site's ledger ({@link org.flowwatch.schemas.avro.SiteEffect}) for the task that owns it.
 */
record LedgerOutcome(SiteStatus status, SiteInput rejected, SiteInput effect) {

    static LedgerOutcome status(SiteStatus status) {
        return new LedgerOutcome(status, null, null);
    }

    static LedgerOutcome rejected(SiteInput input) {
        return new LedgerOutcome(null, input, null);
    }

    static LedgerOutcome effect(SiteInput effect) {
        return new LedgerOutcome(null, null, effect);
    }

    boolean isRejected() {
        return rejected != null;
    }

    boolean isEffect() {
        return effect != null;
    }
}
