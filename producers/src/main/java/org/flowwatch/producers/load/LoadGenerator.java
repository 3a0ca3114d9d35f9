package org.flowwatch.producers.load;

import java.time.Instant;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.flowwatch.producers.publish.CrossingPublisher;
import org.flowwatch.schemas.avro.CrossingEvent;
import org.flowwatch.schemas.avro.Direction;

/**
 * Sends synthetic crossings through the real publisher (registry serde, idempotent, acks=all) at a chosen rate from
 * N posts, their event times spread evenly over a span, and reports the rate it achieved once all are acknowledged.
 */
public final class LoadGenerator {

    private final LoadSettings settings;
    private final CrossingPublisher publisher;

    public LoadGenerator(LoadSettings settings, CrossingPublisher publisher) {
        this.settings = settings;
        this.publisher = publisher;
    }

    public LoadReport run() throws InterruptedException {
        LoadSchedule schedule = new LoadSchedule(settings.pattern(), settings.rate(), settings.burstFactor(), settings.burstPeriod());
        Random random = new Random(settings.seed());
        long total = settings.records();
        long spanMillis = settings.span().toMillis();
        long started = System.nanoTime();
        for (long i = 0; i < total; i++) {
            waitFor(started + schedule.dueNanos(i));
            Instant at = settings.start().plusMillis(spanMillis * i / total);
            publisher.publish(crossing(random, String.format("load-post-%02d", 1 + (int) (i % settings.posts())), at));
        }
        publisher.flush();
        double seconds = (System.nanoTime() - started) / 1e9;
        return new LoadReport(total, seconds, publisher.bytesSent());
    }

    private static CrossingEvent crossing(Random random, String post, Instant at) {
        return CrossingEvent.newBuilder()
                .setEventId(new UUID(random.nextLong(), random.nextLong()))
                .setPostId(post)
                .setOccurredAt(at)
                .setRecordedAt(at)
                .setDirection(Direction.ARRIVAL)
                .setPeople(1 + random.nextInt(8))
                .setVehicles(random.nextInt(2))
                .build();
    }

    private static void waitFor(long dueNanos) throws InterruptedException {
        long ahead = dueNanos - System.nanoTime();
        if (ahead > 1_000_000) {
            TimeUnit.NANOSECONDS.sleep(ahead); // holding the requested rate is waiting on the wall clock by design
        }
    }

    /** What a load run achieved: records and bytes on the wire per second of wall time, acknowledgements included. */
    public record LoadReport(long records, double seconds, double bytesSent) {

        public double recordsPerSecond() {
            return records / seconds;
        }

        public double megabytesPerSecond() {
            return bytesSent / seconds / 1_000_000;
        }

        public String describe() {
            return String.format("sent %,d records in %.1f s: %,.0f records/s, %.2f MB/s on the wire (lz4), all acknowledged",
                    records, seconds, recordsPerSecond(), megabytesPerSecond());
        }
    }
}
