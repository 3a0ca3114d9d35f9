package org.flowwatch.streams.sites.ledger;

/**
 * The clock the estimates run on: the event time of the inputs, carried on by the wall clock once no input has come
 * for a while ({@code quietAfterMs}).
 *
 * <p>Why this clock: stock is used up by the hour whether or not anyone crosses, so the estimate must advance on a
 * quiet night (stream time alone stands still without records); yet a replay of 2023 at 3,600x must give the figures
 * the same hours gave live (the wall clock alone would run a replayed day in 24 s of use), and the same inputs must
 * give the same statuses and alert episodes after a crash as without one. So while inputs flow the clock is their
 * event time, a function of the inputs alone; once they have been quiet for {@code quietAfterMs} of wall time it
 * moves on at the wall clock's pace from where they left it. It never goes back: a late input (a post that was
 * offline) is applied at the clock's time.
 */
public final class OperationClock {

    private static final long UNSET = Long.MIN_VALUE;

    private final long quietAfterMs;
    private long operationTime = UNSET;
    private long wallTime;

    public OperationClock(long quietAfterMs) {
        this.quietAfterMs = quietAfterMs;
    }

    /** An input with event time {@code eventTime} arrived at {@code wallNow}; returns the clock's time. */
    public long observe(long eventTime, long wallNow) {
        long current = now(wallNow);
        operationTime = current == UNSET ? eventTime : Math.max(eventTime, current);
        wallTime = wallNow;
        return operationTime;
    }

    /** The clock's time at {@code wallNow}, or {@link Long#MIN_VALUE} before the first input. */
    public long now(long wallNow) {
        if (operationTime == UNSET) {
            return UNSET;
        }
        long quiet = wallNow - wallTime;
        return quiet >= quietAfterMs ? operationTime + quiet : operationTime;
    }

    public boolean isSet() {
        return operationTime != UNSET;
    }
}
