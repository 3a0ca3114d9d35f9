package org.flowwatch.streams.sites.ledger;

import java.util.ArrayList;
import java.util.List;

/**
 * The estimated stock of one item at one site: the level people last reported (a count, a delivery), less the use the
 * model assumes since, never below zero. Reports correct the estimate: a count sets it (as of when it was counted), a
 * distribution for a period replaces the use the model assumed over that period.
 */
public final class StockLedger {

    public double level;
    public boolean estimated;
    public Double countedStock;
    public Long countedAt;
    /** When the item was last reported (count, delivery, distribution): the start of an open distribution period. */
    public Long lastReportAt;
    public Long overdrawnAt;
    public UseHistory use = new UseHistory();
    public List<Convoy> convoys = new ArrayList<>();

    /** A new item, first reported at {@code at}. */
    public static StockLedger startingAt(long at) {
        StockLedger stock = new StockLedger();
        stock.use.add(0, at);
        return stock;
    }

    /** The model's use up to {@code at}. */
    public void consume(double used, long at) {
        if (used > 0) {
            level = Math.max(0, level - used);
            estimated = true;
        }
        use.add(used, at);
    }

    /** Counted {@code quantity} at {@code countedAt}; applied at {@code now}, less what the model used since. */
    public void count(double quantity, long countedAt, long now) {
        if (this.countedAt != null && countedAt < this.countedAt) {
            return; // an older count than the one that stands: it says nothing new about now
        }
        double usedSince = use.between(countedAt, now);
        level = Math.max(0, quantity - usedSince);
        estimated = usedSince > 0;
        countedStock = quantity;
        this.countedAt = countedAt;
        overdrawnAt = null;
        reported(countedAt);
    }

    /** A delivery adds; one that confirms an announced convoy takes it off the expected list. */
    public void deliver(double quantity, String convoyId, long at) {
        level += quantity;
        if (convoyId != null) {
            convoys.removeIf(convoy -> convoy.convoyId().equals(convoyId));
        }
        reported(at);
    }

    /**
     * Handed out {@code quantity} over [{@code periodStart}, {@code periodEnd}] (periodStart null: since the last
     * report). That replaces the model's use over the period; more than the stock takes it to zero and is flagged.
     */
    public void distribute(double quantity, Long periodStart, long periodEnd, long now) {
        long from = periodStart != null ? periodStart : lastReportAt != null ? lastReportAt : periodEnd;
        double corrected = level + use.between(Math.min(from, periodEnd), periodEnd) - quantity;
        level = Math.max(0, corrected);
        overdrawnAt = corrected < 0 ? now : null;
        reported(periodEnd);
    }

    /** Announced convoy; announcing the same convoy again replaces it (a new ETA). */
    public void expect(Convoy convoy) {
        convoys.removeIf(known -> known.convoyId().equals(convoy.convoyId()));
        convoys.add(convoy);
    }

    /** Forgets convoys so long overdue that nobody expects them any more. */
    public void forgetConvoysBefore(long at) {
        convoys.removeIf(convoy -> convoy.expectedAt() < at);
    }

    private void reported(long at) {
        lastReportAt = lastReportAt == null ? at : Math.max(lastReportAt, at);
    }
}
