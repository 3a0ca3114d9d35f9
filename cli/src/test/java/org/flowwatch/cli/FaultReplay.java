package org.flowwatch.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.flowwatch.producers.reference.SiteReferenceData;
import org.flowwatch.producers.replay.GroundTruth;
import org.flowwatch.producers.replay.ScenarioReplay;
import org.flowwatch.schemas.config.Settings;

/**
 * The replay the fault tests play: the 2023 curve across the Yerevan midnight of 25/26 September (two local days),
 * 2 % of crossings resent, about 20 s of wall time by default ({@code -Dflowwatch.faults.long=true}: a whole
 * day, about two minutes; a test may ask for a slower pace). Tests wait for hours of it to have been sent to time
 * their faults.
 */
final class FaultReplay {

    static final boolean LONG = Boolean.getBoolean("flowwatch.faults.long");
    static final int HOURS = LONG ? 24 : 8;
    /** Hours of event time per hour of wall time by default: an hour every 2.5 s (long: every 5 s). */
    static final int SPEED = LONG ? 720 : 1440;
    static final String POST = "kornidzor";
    /** Local days 25 and 26 September in Yerevan (UTC+4). */
    private static final String RANGE = "from=2023-09-24T20:00:00Z&to=2023-09-26T20:00:00Z";
    static final String ALL_DAYS = "/counts?scope=all&granularity=day&" + RANGE;
    static final String POST_DAYS = "/counts?scope=post&id=" + POST + "&granularity=day&" + RANGE;
    static final String REGION_DAYS = "/counts?scope=region&id=" + regionOf(POST) + "&granularity=day&" + RANGE;
    static final List<String> QUERIES = List.of(ALL_DAYS, POST_DAYS, REGION_DAYS);

    private final CompletableFuture<ScenarioReplay.Sent> sent;
    private final AtomicInteger hoursSent = new AtomicInteger();
    private final CountDownLatch[] hourReached = new CountDownLatch[HOURS + 1];

    private FaultReplay(Settings settings) {
        for (int i = 0; i <= HOURS; i++) {
            hourReached[i] = new CountDownLatch(1);
        }
        Settings replay = settings;
        sent = CompletableFuture.supplyAsync(() -> run(replay));
    }

    /** Starts the replay into the stack {@code settings} name; it runs on its own thread. */
    static FaultReplay start(ReplicatedStack<?> stack) {
        return start(stack, SPEED);
    }

    /** As {@link #start(ReplicatedStack)} at another {@code speed}, for faults that need more wall time per hour. */
    static FaultReplay start(ReplicatedStack<?> stack, int speed) {
        return new FaultReplay(stack.settings(Map.of("replay.start", "2023-09-25T20:00:00+04:00",
                "replay.hours", Integer.toString(HOURS), "replay.speed", Integer.toString(speed),
                "replay.resend.share", "0.02", "replay.supplies", "false", "replay.post", POST)));
    }

    /** Blocks until {@code hours} hours of event time have been sent (and acknowledged). */
    void awaitHours(int hours) throws InterruptedException {
        hourReached[Math.min(hours, HOURS)].await();
    }

    /** How many hours of event time have been handed to the producer so far ({@link #HOURS} once it is done). */
    int hoursSent() {
        return Math.min(hoursSent.get(), HOURS);
    }

    ScenarioReplay.Sent awaitSent() {
        return sent.join();
    }

    private ScenarioReplay.Sent run(Settings settings) {
        try {
            return ReplayCommand.replay(settings, this::hourSent);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("replay interrupted", e);
        } finally {
            for (CountDownLatch latch : hourReached) {
                latch.countDown(); // a failed replay must not leave a test waiting for hours that never come
            }
        }
    }

    private void hourSent(Instant hour, long peopleSoFar) {
        hourReached[Math.min(hoursSent.incrementAndGet(), HOURS)].countDown();
    }

    /** The counts per local day that the ground truth says each query must answer. */
    static Map<String, Map<LocalDate, Long>> expected(GroundTruth truth) {
        // Only one post is replayed, so its region's days are the post's days.
        return Map.of(ALL_DAYS, truth.peopleByDay(), POST_DAYS, truth.peopleByDay(POST), REGION_DAYS, truth.peopleByDay(POST));
    }

    private static String regionOf(String post) {
        return SiteReferenceData.scenario2023().stream().filter(site -> site.getSiteId().equals(post))
                .findFirst().orElseThrow().getAdm1Code();
    }
}
