package org.flowwatch.streams.sites.ledger;

/**
 * The clock the estimates run on: event time, carried on by the wall clock while no input comes.
 *
 * <p>Why this clock: stock is used up by the hour whether or not anyone crosses, so the estimate must advance on a
 * quiet night (stream time alone stands still without records); yet a replay of 2023 at 3,600x must give the figures
 * the same hours gave live (the wall clock alone would run a replayed day in 24 s of use). So the clock jumps to the
 * event time of every input that is ahead of it, and between inputs moves on at the wall clock's pace. It never goes
 * back: a late input (a post that was offline) is applied at the clock's time. Live, inputs trail the wall clock by
 * seconds, so it runs with the wall clock; in a replay, inputs lead it, so it runs with event time; the figures
 * depend only on inputs and the clock's time, never on how often they are evaluated.
 */
public final class OperationClock {

    private static final long UNSET = Long.MIN_VALUE;

    private long operationTime = UNSET;
    private long wallTime;

    /** An input with event time {@code eventTime} arrived at {@code wallNow}; returns the clock's time. */
    public long observe(long eventTime, long wallNow) {
        long current = now(wallNow);
        operationTime = current == UNSET ? eventTime : Math.max(eventTime, current);
        wallTime = wallNow;
        return operationTime;
    }

    /** The clock's time at {@code wallNow}, or {@link Long#MIN_VALUE} before the first input. */
    public long now(long wallNow) {
        return operationTime == UNSET ? UNSET : operationTime + Math.max(0, wallNow - wallTime);
    }

    public boolean isSet() {
        return operationTime != UNSET;
    }
}
