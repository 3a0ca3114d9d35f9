package org.flowwatch.streams.sites.ledger;

/** A delivery announced for a site and item, expected at {@code expectedAt} (epoch ms), not yet confirmed. */
public record Convoy(String convoyId, double quantity, long expectedAt) {

    /** A convoy still unconfirmed {@code grace} ms past its ETA no longer counts in projections. */
    public boolean counts(long now, long graceMs) {
        return now <= expectedAt + graceMs;
    }
}
