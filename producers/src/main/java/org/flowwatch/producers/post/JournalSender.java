package org.flowwatch.producers.post;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.flowwatch.producers.journal.CrossingJournal;
import org.flowwatch.producers.journal.JournalEntry;
import org.flowwatch.producers.publish.CrossingPublisher;
import org.flowwatch.schemas.time.StopSignal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the journal's backlog to Kafka in the order it was recorded, a batch at a time: a batch leaves the journal
 * only once every crossing in it is acknowledged (acks=all). When Kafka cannot be reached it waits, longer each
 * time up to a bound, and tries again from the oldest unacknowledged crossing; a batch that failed half-way is
 * sent again whole, so a crossing may reach the topic twice with the same eventId (the streams dedupe drops it).
 */
public final class JournalSender implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JournalSender.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
    private static final Duration IDLE_CHECK = Duration.ofSeconds(1);

    private final CrossingJournal journal;
    private final Supplier<CrossingPublisher> publishers;
    private final int batchSize;
    private final Duration maxBackoff;
    private final Clock clock;
    private final Semaphore work = new Semaphore(0);
    private final StopSignal stopped = new StopSignal();
    private final Thread thread;
    private volatile SenderStatus status = new SenderStatus(null, false, "not tried yet");
    private CrossingPublisher publisher;

    public JournalSender(CrossingJournal journal, Supplier<CrossingPublisher> publishers, int batchSize,
                         Duration maxBackoff, Clock clock) {
        this.journal = journal;
        this.publishers = publishers;
        this.batchSize = batchSize;
        this.maxBackoff = maxBackoff;
        this.clock = clock;
        this.thread = new Thread(this::run, "flowwatch-post-sender");
    }

    public void start() {
        thread.start();
    }

    /** Something new was recorded: send it now rather than at the next idle check. */
    public void nudge() {
        work.release();
    }

    public SenderStatus status() {
        return status;
    }

    /** Waits until nothing is pending; false if {@code timeout} passed first. */
    public boolean awaitDrained(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (journal.backlog().pendingEvents() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            nudge();
            TimeUnit.MILLISECONDS.sleep(50); // polling a local counter, no Kafka involved
        }
        return true;
    }

    private void run() {
        Duration backoff = FIRST_BACKOFF;
        while (!stopped.isSignalled()) {
            List<JournalEntry> batch = journal.pending(batchSize);
            if (batch.isEmpty()) {
                awaitWork();
                continue;
            }
            if (sent(batch)) {
                backoff = FIRST_BACKOFF;
            } else {
                stopped.pause(backoff);
                backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
            }
        }
    }

    private boolean sent(List<JournalEntry> batch) {
        try {
            if (publisher == null) {
                publisher = publishers.get();
            }
            batch.forEach(entry -> publisher.publish(entry.crossing()));
            publisher.flush();
            Instant now = clock.instant();
            journal.acknowledge(batch.get(batch.size() - 1).sequence(), now);
            status = new SenderStatus(now, true, null);
            return true;
        } catch (RuntimeException unreachable) {
            status = new SenderStatus(status.lastSentAt(), false, firstLine(unreachable));
            LOG.info("post: {} crossing(s) not acknowledged yet, will retry: {}", batch.size(), status.lastError());
            closePublisher();
            return false;
        }
    }

    private void awaitWork() {
        try {
            work.tryAcquire(IDLE_CHECK.toMillis(), TimeUnit.MILLISECONDS);
            work.drainPermits();
        } catch (InterruptedException e) {
            stopped.signalInterrupt();
        }
    }

    private void closePublisher() {
        if (publisher != null) {
            try {
                publisher.close();
            } catch (RuntimeException e) {
                LOG.debug("closing the failed publisher: {}", e.getMessage());
            }
            publisher = null;
        }
    }

    private static String firstLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.lines().findFirst().orElse(message);
    }

    @Override
    public void close() throws InterruptedException {
        stopped.signal();
        work.release();
        thread.join(Duration.ofSeconds(40).toMillis());
        closePublisher();
    }

    /** When the last batch was acknowledged, whether the last attempt reached Kafka, and why not. */
    public record SenderStatus(Instant lastSentAt, boolean reachable, String lastError) {
    }
}
