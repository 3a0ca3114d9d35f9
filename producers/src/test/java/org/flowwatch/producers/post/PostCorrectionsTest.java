package org.flowwatch.producers.post;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.flowwatch.producers.journal.JournalEntry;
import org.flowwatch.producers.journal.JournalSettings;
import org.flowwatch.producers.journal.CrossingJournal;
import org.flowwatch.schemas.avro.CrossingEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The post client journals corrections and withdrawals like crossings, as higher revisions (issue 18). */
class PostCorrectionsTest {

    @TempDir
    Path journalDir;

    @Test
    void shouldJournalACorrectionAndAWithdrawalAsHigherRevisionsOfTheSameEventIdWhenOffline() throws Exception {
        // given a crossing recorded with no network
        UUID eventId;
        try (PostClient post = OfflinePost.start(journalDir)) {
            eventId = post.record(Map.of("people", "12", "crossed_at", "2023-09-25T14:05:00+04:00")).crossing().getEventId();

            // when the officer corrects it, then withdraws it
            post.correct(eventId, Map.of("people", "21", "crossed_at", "2023-09-25T14:05:00+04:00"));
            post.withdraw(eventId, null);
        }

        // then all three wait in the journal, in order, each a higher revision than the one before
        try (CrossingJournal journal = CrossingJournal.open(JournalSettings.in(journalDir))) {
            var pending = journal.pending(10).stream().map(JournalEntry::crossing).toList();
            assertThat(pending).extracting(CrossingEvent::getEventId).containsOnly(eventId);
            assertThat(pending).extracting(CrossingEvent::getPeople).containsExactly(12, 21, 0);
            assertThat(pending).extracting(CrossingEvent::getWithdrawn).containsExactly(false, false, true);
            assertThat(pending.get(0).getRevision()).isZero();
            assertThat(pending.get(1).getRevision()).isPositive();
            assertThat(pending.get(2).getRevision()).isGreaterThanOrEqualTo(pending.get(1).getRevision());
            assertThat(pending.get(1).getOccurredAt()).isEqualTo(Instant.parse("2023-09-25T10:05:00Z"));
        }
    }

    @Test
    void shouldRefuseACorrectionThatDoesNotSayWhenTheyCrossed() {
        try (PostClient post = OfflinePost.start(journalDir)) {
            assertThatThrownBy(() -> post.correct(UUID.randomUUID(), Map.of("people", "21")))
                    .isInstanceOf(FieldException.class).hasMessageContaining("crossed_at");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
