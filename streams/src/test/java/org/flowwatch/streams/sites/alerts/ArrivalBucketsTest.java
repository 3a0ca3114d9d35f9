package org.flowwatch.streams.sites.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.junit.jupiter.api.Test;

class ArrivalBucketsTest {

    private static final Duration BUCKET = Duration.ofMinutes(5);
    private static final Duration SPAN = Duration.ofHours(25);
    private static final long T0 = 1_695_600_000_000L; // 2023-09-25 00:00 UTC
    private static final String[] SCOPES = {"post/kornidzor", "post/tegh", "region/AM-SU"};

    @Test
    void shouldSumTheLastHourAndTheDayBeforeItAsTheStoreHoldsThemThroughLateCrossingsAndARestart() {
        // given a window store like the SURGE store, and the people per bucket counted apart from it
        WindowStore<String, Long> store = store();
        ArrivalBuckets buckets = new ArrivalBuckets(store, BUCKET, SPAN);
        TreeMap<Long, Long>[] expected = expected();
        Random random = new Random(2023);
        long now = T0;

        // when 3 days of crossings arrive, stream time moving on, one in ten up to 25 h late, and halfway the task
        // restarts: a new mirror over the same store
        for (int i = 0; i < 6_000; i++) {
            now += random.nextInt(90_000);
            long at = random.nextInt(10) == 0 ? now - (long) (random.nextDouble() * SPAN.toMillis()) : now;
            int scope = random.nextInt(SCOPES.length);
            int people = 1 + random.nextInt(30);
            buckets.add(SCOPES[scope], at, people, now);
            expected[scope].merge(buckets.bucketOf(at), (long) people, Long::sum);
            if (i == 3_000) {
                buckets = new ArrivalBuckets(store, BUCKET, SPAN);
            }

            // then the last hour and the 24 h before it read what was added, bucket by bucket
            if (i % 97 == 0) {
                long current = buckets.bucketOf(now);
                long hourStart = current - Duration.ofHours(1).toMillis() + BUCKET.toMillis();
                long dayStart = hourStart - Duration.ofHours(24).toMillis();
                for (int s = 0; s < SCOPES.length; s++) {
                    assertThat(buckets.sum(SCOPES[s], hourStart, current, now)).as("last hour of %s at %d", SCOPES[s], i)
                            .isEqualTo(total(expected[s], hourStart, current));
                    assertThat(buckets.sum(SCOPES[s], dayStart, hourStart - BUCKET.toMillis(), now)).as("the day before, %s", SCOPES[s])
                            .isEqualTo(total(expected[s], dayStart, hourStart - BUCKET.toMillis()));
                }
            }
        }
        // and the store holds each bucket's figure (what a restarted task reads back)
        for (var bucket : expected[0].tailMap(now - SPAN.toMillis()).entrySet()) {
            assertThat(store.fetch(SCOPES[0], bucket.getKey(), bucket.getKey()).next().value).isEqualTo(bucket.getValue());
        }
    }

    @Test
    void shouldReadTheStoreForBucketsOlderThanItsSpan() {
        // given a bucket 30 h before stream time, added before the mirror existed
        WindowStore<String, Long> store = store();
        long old = T0 - Duration.ofHours(30).toMillis();
        store.put("post/tegh", 12L, old);

        // when a mirror made at T0 reads that far back
        ArrivalBuckets buckets = new ArrivalBuckets(store, BUCKET, SPAN);

        // then it reads the store, and adds to the stored figure
        assertThat(buckets.sum("post/tegh", old, T0, T0)).isEqualTo(12);
        buckets.add("post/tegh", old, 3, T0);
        assertThat(store.fetch("post/tegh", old, old).next().value).isEqualTo(15);
    }

    private static long total(TreeMap<Long, Long> byBucket, long from, long to) {
        return byBucket.subMap(from, true, to, true).values().stream().mapToLong(Long::longValue).sum();
    }

    @SuppressWarnings("unchecked")
    private static TreeMap<Long, Long>[] expected() {
        TreeMap<Long, Long>[] expected = new TreeMap[SCOPES.length];
        for (int s = 0; s < SCOPES.length; s++) {
            expected[s] = new TreeMap<>();
        }
        return expected;
    }

    private static WindowStore<String, Long> store() {
        WindowStore<String, Long> store = Stores.windowStoreBuilder(
                        Stores.inMemoryWindowStore("surge-arrivals", Duration.ofDays(30), BUCKET, false), Serdes.String(), Serdes.Long())
                .withLoggingDisabled().build();
        MockProcessorContext<String, Long> context = new MockProcessorContext<>();
        store.init(context.getStateStoreContext(), store);
        return store;
    }
}
