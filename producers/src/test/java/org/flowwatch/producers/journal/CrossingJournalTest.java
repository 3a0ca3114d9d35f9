package org.flowwatch.producers.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.flowwatch.schemas.testing.CrossingBuilder.T0;
import static org.flowwatch.schemas.testing.CrossingBuilder.aCrossing;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.flowwatch.schemas.avro.CrossingEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrossingJournalTest {

    @TempDir
    Path dir;

    @Test
    void shouldKeepPendingCrossingsInOrderWhenReopened() {
        // given
        List<CrossingEvent> recorded = crossings(5);
        try (CrossingJournal journal = CrossingJournal.open(JournalSettings.in(dir))) {
            recorded.forEach(journal::append);
        }
        // when
        try (CrossingJournal reopened = CrossingJournal.open(JournalSettings.in(dir))) {
            // then
            assertThat(reopened.pending(100)).extracting(JournalEntry::crossing).containsExactlyElementsOf(recorded);
            assertThat(reopened.backlog().pendingEvents()).isEqualTo(5);
            assertThat(reopened.backlog().oldestPendingAt()).isEqualTo(T0);
        }
    }

    @Test
    void shouldDropAcknowledgedCrossingsAndNotResendThemAfterRestart() {
        // given
        try (CrossingJournal journal = CrossingJournal.open(JournalSettings.in(dir))) {
            crossings(5).forEach(journal::append);
            List<JournalEntry> firstThree = journal.pending(3);
            // when
            journal.acknowledge(firstThree.get(2).sequence(), T0);
            // then
            assertThat(journal.pending(100)).hasSize(2);
        }
        try (CrossingJournal reopened = CrossingJournal.open(JournalSettings.in(dir))) {
            assertThat(reopened.pending(100)).hasSize(2);
            assertThat(reopened.backlog().lastSentAt()).isEqualTo(T0);
            assertThat(reopened.append(crossings(1).get(0)).sequence()).as("sequences keep growing").isEqualTo(6);
        }
    }

    @Test
    void shouldDeleteSegmentsOnceEveryEntryInThemIsAcknowledged() throws IOException {
        // given: segments small enough that 200 crossings fill several
        JournalSettings small = new JournalSettings(dir, 10L * 1024 * 1024, 0.8, EntryFrame.HEADER + EntryFrame.MAX_BODY);
        try (CrossingJournal journal = CrossingJournal.open(small)) {
            crossings(800).forEach(journal::append);
            assertThat(segmentCount()).isGreaterThan(1);
            // when
            journal.acknowledge(800, T0);
            // then: only the segment being written stays
            assertThat(segmentCount()).isEqualTo(1);
            assertThat(journal.backlog().pendingEvents()).isZero();
        }
    }

    @Test
    void shouldCutOffTornLastEntryWhenPowerFailedDuringWrite() throws IOException {
        // given: three intact entries, then half of a fourth
        try (CrossingJournal journal = CrossingJournal.open(JournalSettings.in(dir))) {
            crossings(4).forEach(journal::append);
        }
        Path segment = onlySegment();
        long size = Files.size(segment);
        truncate(segment, size - 20);
        // when
        try (CrossingJournal reopened = CrossingJournal.open(JournalSettings.in(dir))) {
            // then
            assertThat(reopened.pending(100)).hasSize(3);
            assertThat(reopened.tornTailBytes()).isPositive();
            assertThat(reopened.damages()).isEmpty();
            CrossingEvent next = crossings(1).get(0);
            reopened.append(next);
            assertThat(reopened.pending(100)).hasSize(4).last().extracting(JournalEntry::crossing).isEqualTo(next);
        }
        try (CrossingJournal again = CrossingJournal.open(JournalSettings.in(dir))) {
            assertThat(again.pending(100)).as("appends after the cut read back").hasSize(4);
        }
    }

    @Test
    void shouldCutOffZeroFilledTailLeftByFileSystemAfterPowerCut() throws IOException {
        // given
        try (CrossingJournal journal = CrossingJournal.open(JournalSettings.in(dir))) {
            crossings(2).forEach(journal::append);
        }
        Files.write(onlySegment(), new byte[4096], java.nio.file.StandardOpenOption.APPEND);
        // when
        try (CrossingJournal reopened = CrossingJournal.open(JournalSettings.in(dir))) {
            // then
            assertThat(reopened.pending(100)).hasSize(2);
            assertThat(reopened.tornTailBytes()).isEqualTo(4096);
        }
    }

    @Test
    void shouldReportDamageInTheMiddleAndStillReadTheEntriesAfterIt() throws IOException {
        // given: a bit flipped inside the second of five entries
        List<CrossingEvent> recorded = crossings(5);
        try (CrossingJournal journal = CrossingJournal.open(JournalSettings.in(dir))) {
            recorded.forEach(journal::append);
        }
        Path segment = onlySegment();
        int entryLength = (int) (Files.size(segment) / 5);
        flipByte(segment, entryLength + entryLength / 2);
        // when
        try (CrossingJournal reopened = CrossingJournal.open(JournalSettings.in(dir))) {
            // then
            assertThat(reopened.damages()).singleElement().satisfies(damage -> {
                assertThat(damage.segment().getFileName()).isEqualTo(segment.getFileName());
                assertThat(damage.offset()).isEqualTo(entryLength);
            });
            assertThat(reopened.backlog().damages()).hasSize(1);
            assertThat(reopened.pending(100)).extracting(JournalEntry::crossing)
                    .containsExactly(recorded.get(0), recorded.get(2), recorded.get(3), recorded.get(4));
            assertThat(CrossingJournal.inspect(JournalSettings.in(dir)).damages()).as("status shows it too").hasSize(1);
        }
    }

    @Test
    void shouldKeepDamagedSegmentAsideInsteadOfDeletingIt() throws IOException {
        // given
        try (CrossingJournal journal = CrossingJournal.open(JournalSettings.in(dir))) {
            crossings(3).forEach(journal::append);
        }
        flipByte(onlySegment(), 30);
        try (CrossingJournal reopened = CrossingJournal.open(JournalSettings.in(dir))) {
            reopened.append(crossings(1).get(0));
            // when
            reopened.acknowledge(4, T0);
        }
        // then
        assertThat(dir.resolve("damaged")).isDirectory();
        assertThat(Files.list(dir.resolve("damaged"))).hasSize(1);
    }

    @Test
    void shouldWarnBeforeTheBoundAndRefuseOnlyAtIt() {
        // given: a bound of two segments
        int segmentBytes = EntryFrame.HEADER + EntryFrame.MAX_BODY;
        JournalSettings bounded = new JournalSettings(dir, 2L * segmentBytes, 0.8, segmentBytes);
        try (CrossingJournal journal = CrossingJournal.open(bounded)) {
            // when: recording until the warning shows
            int recorded = 0;
            while (!journal.diskUse().nearlyFull()) {
                journal.append(crossings(1).get(0));
                recorded++;
            }
            // then: the warning came with room left, and the bound refuses rather than loses
            assertThat(journal.diskUse().percent()).isBetween(80, 99);
            assertThat(recorded).isPositive();
            assertThatThrownBy(() -> {
                while (true) {
                    journal.append(crossings(1).get(0));
                }
            }).isInstanceOf(JournalFullException.class).hasMessageContaining("NOT recorded");
            assertThat(journal.diskUse().usedBytes()).isLessThanOrEqualTo(bounded.maxBytes());
        }
    }

    @Test
    void shouldRefuseSecondProcessOnTheSameJournal() {
        try (CrossingJournal journal = CrossingJournal.open(JournalSettings.in(dir))) {
            assertThatThrownBy(() -> CrossingJournal.open(JournalSettings.in(dir)))
                    .isInstanceOf(RuntimeException.class);
        }
    }

    private long segmentCount() throws IOException {
        try (var files = Files.list(dir)) {
            return files.filter(file -> file.toString().endsWith(SegmentFile.SUFFIX)).count();
        }
    }

    private Path onlySegment() {
        List<Path> segments = SegmentFile.listIn(dir);
        assertThat(segments).hasSize(1);
        return segments.get(0);
    }

    private static List<CrossingEvent> crossings(int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> aCrossing().eventId(UUID.randomUUID()).people(1 + i % 8).at(T0.plusSeconds(i)).build())
                .toList();
    }

    private static void truncate(Path file, long size) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(size);
        }
    }

    private static void flipByte(Path file, long position) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(position);
            int value = raf.read();
            raf.seek(position);
            raf.write(value ^ 0xFF);
        }
    }
}
