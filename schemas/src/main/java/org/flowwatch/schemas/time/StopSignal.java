package org.flowwatch.schemas.time;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The stop of a worker thread that pauses between attempts: signalled once, by its close or by an interrupt of the
 * worker; a pause ends as soon as it is signalled.
 */
public final class StopSignal {

    private final CountDownLatch signalled = new CountDownLatch(1);

    /** Stops the worker: a pause under way ends now, and every later one at once. */
    public void signal() {
        signalled.countDown();
    }

    public boolean isSignalled() {
        return signalled.getCount() == 0;
    }

    /** Waits {@code length}, or less if the stop is signalled meanwhile; an interrupt signals it. */
    public void pause(Duration length) {
        try {
            signalled.await(length.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            signalInterrupt();
        }
    }

    /** The worker was interrupted (waiting on something else): it stops, and the thread keeps its interrupt flag. */
    public void signalInterrupt() {
        Thread.currentThread().interrupt();
        signal();
    }
}
