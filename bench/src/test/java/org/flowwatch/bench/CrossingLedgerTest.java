package org.flowwatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CrossingLedgerTest {

    private static final long HOUR = 3_600_000;

    @Test
    void shouldNameTheLastCrossingACountIncludes() {
        // given three crossings at one post in one hour
        CrossingLedger ledger = new CrossingLedger();
        ledger.sent("post-1", 0, 3, 1000);
        ledger.sent("post-1", 0, 2, 1010);
        ledger.sent("post-1", 0, 4, 1020);

        // then: a count of 5 people includes the first two, so its crossing was sent at 1010
        assertThat(ledger.sentAt("post-1", 0, 3)).isEqualTo(1000);
        assertThat(ledger.sentAt("post-1", 0, 5)).isEqualTo(1010);
        assertThat(ledger.sentAt("post-1", 0, 9)).isEqualTo(1020);
    }

    @Test
    void shouldKeepPostsAndHoursApart() {
        CrossingLedger ledger = new CrossingLedger();
        ledger.sent("post-1", 0, 3, 1000);
        ledger.sent("post-2", 0, 3, 2000);
        ledger.sent("post-1", HOUR, 3, 3000);

        assertThat(ledger.sentAt("post-2", 0, 3)).isEqualTo(2000);
        assertThat(ledger.sentAt("post-1", HOUR, 3)).isEqualTo(3000);
    }

    @Test
    void shouldNotMatchATotalNoCrossingProduced() {
        // a count from a run the ledger did not see (e.g. an earlier section's records) must not become a sample
        CrossingLedger ledger = new CrossingLedger();
        ledger.sent("post-1", 0, 3, 1000);

        assertThat(ledger.sentAt("post-1", 0, 4)).isEqualTo(-1);
    }
}
