package org.flowwatch.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C (SIGINT) or SIGTERM interrupts the command's thread and then waits for it to close what it opened, so the
 * broker, the streams app and the registry child process all stop cleanly before the JVM exits.
 */
final class GracefulStop implements AutoCloseable {

    private static final Duration CLEANUP_TIMEOUT = Duration.ofSeconds(45);

    private final CountDownLatch requested = new CountDownLatch(1);
    private final CountDownLatch cleanedUp = new CountDownLatch(1);
    private final Thread hook;

    GracefulStop() {
        Thread worker = Thread.currentThread();
        this.hook = new Thread(() -> {
            // Interrupt first: once awaitRequest returns, no interrupt is still on its way to disturb the closes.
            worker.interrupt();
            requested.countDown();
            awaitQuietly(cleanedUp, CLEANUP_TIMEOUT);
        }, "flowwatch-stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Blocks until a stop is requested. */
    void awaitRequest() throws InterruptedException {
        requested.await();
        // The stop also interrupted this thread: honoured by returning, so what the caller closes next (Jetty's stop
        // gives up on an interrupted thread) runs uninterrupted.
        Thread.interrupted();
    }

    boolean requested() {
        return requested.getCount() == 0;
    }

    /** Everything is closed: let the JVM exit. */
    @Override
    public void close() {
        cleanedUp.countDown();
        if (!requested()) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook is running: nothing to remove
            }
        }
    }

    private static void awaitQuietly(CountDownLatch latch, Duration timeout) {
        try {
            latch.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
