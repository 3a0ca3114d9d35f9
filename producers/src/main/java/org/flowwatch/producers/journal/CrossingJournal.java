package org.flowwatch.producers.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeMap;
import org.flowwatch.schemas.avro.CrossingEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The post's durable record of every crossing, written BEFORE anything is sent: append-only segment files of
 * length-prefixed, CRC32C-checksummed entries, each forced to disk before {@link #append} returns. Entries leave
 * once Kafka acknowledged them ({@link #acknowledge}: a cursor, and fully acknowledged segments are deleted).
 *
 * <p>Written by hand because no well-kept Java library offers a small embedded, fsync-per-write, checksummed
 * append log with an ack cursor (Chronicle Queue and MapDB do not fsync each write by default and bring far more).
 * Opening recovers after a power cut: a torn last entry is truncated; damage in the middle is reported, never
 * skipped silently. One process at a time: a lock file guards the directory.
 */
public final class CrossingJournal implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CrossingJournal.class);
    private static final String LOCK = "journal.lock";
    private static final String DAMAGED = "damaged";

    private final JournalSettings settings;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final TreeMap<Long, SegmentFile> segments = new TreeMap<>();
    private final ArrayDeque<PendingRef> pending = new ArrayDeque<>();
    private final List<JournalDamage> damages = new ArrayList<>();
    private long tornTailBytes;
    private AckCursor cursor;
    private long nextSequence;
    private FileChannel active;

    private CrossingJournal(JournalSettings settings, FileChannel lockChannel, FileLock lock) {
        this.settings = settings;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /** Opens (creating if needed) and recovers the journal; fails if another process has it open. */
    public static CrossingJournal open(JournalSettings settings) {
        try {
            Files.createDirectories(settings.dir());
            FileChannel lockChannel = FileChannel.open(settings.dir().resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = lockChannel.tryLock();
            if (lock == null) {
                lockChannel.close();
                throw new IllegalStateException("the journal in " + settings.dir() + " is open in another flowwatch post process");
            }
            CrossingJournal journal = new CrossingJournal(settings, lockChannel, lock);
            journal.recover();
            return journal;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the journal in " + settings.dir(), e);
        }
    }

    /** Reads a journal without changing it, e.g. while its post runs: what {@code flowwatch post status} shows. */
    public static Backlog inspect(JournalSettings settings) {
        AckCursor cursor = AckCursor.read(settings.dir());
        List<JournalDamage> damages = new ArrayList<>();
        int pendingEvents = 0;
        Instant oldest = null;
        long used = 0;
        for (Path file : Files.isDirectory(settings.dir()) ? SegmentFile.listIn(settings.dir()) : List.<Path>of()) {
            SegmentScan scan = SegmentScan.of(SegmentFile.read(file));
            used += scan.size();
            scan.damagedRanges().forEach(range -> damages.add(new JournalDamage(file, range[0], range[1])));
            for (EntryFrame.Decoded entry : scan.entries()) {
                if (entry.sequence() > cursor.sequence()) {
                    pendingEvents++;
                    oldest = oldest == null ? decode(entry).getRecordedAt() : oldest;
                }
            }
        }
        return new Backlog(pendingEvents, oldest, cursor.lastSentAt(), new DiskUse(used, settings.maxBytes(), settings.warnRatio()), damages);
    }

    /** Writes the crossing and forces it to disk; returns once it would survive a power cut. */
    public synchronized JournalEntry append(CrossingEvent crossing) {
        ByteBuffer frame = EntryFrame.encode(nextSequence, CrossingCodec.encode(crossing));
        if (usedBytes() + frame.remaining() > settings.maxBytes()) {
            throw new JournalFullException("the journal is full (" + settings.maxBytes() / (1024 * 1024) + " MiB, "
                    + pending.size() + " crossings waiting for the network): this crossing was NOT recorded");
        }
        try {
            SegmentFile segment = writableSegment(frame.remaining());
            int position = (int) segment.size;
            while (frame.hasRemaining()) {
                active.write(frame);
            }
            active.force(false);
            segment.size = active.position();
            segment.lastSequence = nextSequence;
            pending.addLast(new PendingRef(nextSequence, segment, position, crossing.getRecordedAt()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to the journal in " + settings.dir(), e);
        }
        return new JournalEntry(nextSequence++, crossing);
    }

    /** Up to {@code max} entries not yet acknowledged, oldest first. */
    public synchronized List<JournalEntry> pending(int max) {
        List<JournalEntry> entries = new ArrayList<>();
        Iterator<PendingRef> refs = pending.iterator();
        while (refs.hasNext() && entries.size() < max) {
            PendingRef ref = refs.next();
            entries.add(new JournalEntry(ref.sequence(), decode(readFrame(ref))));
        }
        return entries;
    }

    /** Kafka acknowledged every entry up to {@code sequence}: they leave the journal. */
    public synchronized void acknowledge(long sequence, Instant at) {
        while (!pending.isEmpty() && pending.peekFirst().sequence() <= sequence) {
            pending.removeFirst();
        }
        cursor = new AckCursor(Math.max(sequence, cursor.sequence()), at);
        cursor.write(settings.dir());
        deleteAcknowledgedSegments();
    }

    public synchronized Backlog backlog() {
        Instant oldest = pending.isEmpty() ? null : pending.peekFirst().recordedAt();
        return new Backlog(pending.size(), oldest, cursor.lastSentAt(), diskUse(), damages);
    }

    public synchronized DiskUse diskUse() {
        return new DiskUse(usedBytes(), settings.maxBytes(), settings.warnRatio());
    }

    /** Damage found when the journal was opened (crossings that cannot be sent). */
    public synchronized List<JournalDamage> damages() {
        return List.copyOf(damages);
    }

    /** Bytes of a torn last entry cut off when the journal was opened (a write interrupted by a power cut). */
    public long tornTailBytes() {
        return tornTailBytes;
    }

    @Override
    public synchronized void close() {
        try {
            if (active != null) {
                active.close();
            }
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            LOG.warn("closing the journal in {} failed: {}", settings.dir(), e.getMessage());
        }
    }

    private void recover() throws IOException {
        cursor = AckCursor.read(settings.dir());
        List<Path> files = SegmentFile.listIn(settings.dir());
        long lastSequence = cursor.sequence();
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            SegmentScan scan = SegmentScan.of(SegmentFile.read(file));
            SegmentFile segment = new SegmentFile(SegmentFile.baseOf(file), file, scan.size(), 0);
            scan.damagedRanges().forEach(range -> damaged(segment, range[0], range[1]));
            if (scan.hasTail() && i == files.size() - 1) {
                truncateTornTail(segment, scan.tailStart());
            } else if (scan.hasTail()) {
                damaged(segment, scan.tailStart(), scan.size() - scan.tailStart());
            }
            for (EntryFrame.Decoded entry : scan.entries()) {
                segment.lastSequence = entry.sequence();
                lastSequence = Math.max(lastSequence, entry.sequence());
                if (entry.sequence() > cursor.sequence()) {
                    pending.addLast(new PendingRef(entry.sequence(), segment, entry.start(), decode(entry).getRecordedAt()));
                }
            }
            segments.put(segment.baseSequence, segment);
        }
        nextSequence = lastSequence + 1;
        deleteAcknowledgedSegments();
    }

    private void damaged(SegmentFile segment, long offset, long length) {
        segment.damaged = true;
        JournalDamage damage = new JournalDamage(segment.path, offset, length);
        damages.add(damage);
        LOG.error("journal damaged: {}; crossings recorded there cannot be sent", damage.describe());
    }

    private void truncateTornTail(SegmentFile segment, int tailStart) throws IOException {
        try (FileChannel channel = FileChannel.open(segment.path, StandardOpenOption.WRITE)) {
            channel.truncate(tailStart);
            channel.force(true);
        }
        tornTailBytes = segment.size - tailStart;
        segment.size = tailStart;
        LOG.warn("journal: cut off a torn last entry ({} bytes) in {}, left by an interrupted write",
                tornTailBytes, segment.path.getFileName());
    }

    private SegmentFile writableSegment(int frameBytes) throws IOException {
        SegmentFile last = segments.isEmpty() ? null : segments.lastEntry().getValue();
        if (last != null && last.size + frameBytes <= settings.segmentBytes() && !last.damaged) {
            if (active == null) {
                active = FileChannel.open(last.path, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            }
            return last;
        }
        if (active != null) {
            active.close();
        }
        SegmentFile fresh = new SegmentFile(nextSequence, SegmentFile.pathFor(settings.dir(), nextSequence), 0, 0);
        active = FileChannel.open(fresh.path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        syncDirectory();
        segments.put(fresh.baseSequence, fresh);
        return fresh;
    }

    private void deleteAcknowledgedSegments() {
        Iterator<SegmentFile> all = segments.values().iterator();
        while (all.hasNext()) {
            SegmentFile segment = all.next();
            boolean isLast = segment == segments.lastEntry().getValue();
            if (isLast || segment.lastSequence > cursor.sequence()) {
                return;
            }
            retire(segment);
            all.remove();
        }
    }

    // A damaged segment is kept aside for examination rather than deleted: it may hold crossings never sent.
    private void retire(SegmentFile segment) {
        try {
            if (segment.damaged) {
                Path aside = Files.createDirectories(settings.dir().resolve(DAMAGED)).resolve(segment.path.getFileName());
                Files.move(segment.path, aside, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.deleteIfExists(segment.path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove acknowledged journal segment " + segment.path, e);
        }
    }

    private byte[] readFrame(PendingRef ref) {
        try (FileChannel channel = FileChannel.open(ref.segment().path, StandardOpenOption.READ)) {
            ByteBuffer header = ByteBuffer.allocate(EntryFrame.HEADER);
            channel.read(header, ref.position());
            ByteBuffer frame = ByteBuffer.allocate(EntryFrame.HEADER + header.getInt(0));
            channel.read(frame, ref.position());
            return frame.array();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read journal segment " + ref.segment().path, e);
        }
    }

    private CrossingEvent decode(byte[] frame) {
        EntryFrame.Decoded entry = EntryFrame.decodeAt(frame, 0);
        if (entry == null) {
            throw new IllegalStateException("journal entry changed on disk after it was written: " + settings.dir());
        }
        return decode(entry);
    }

    private static CrossingEvent decode(EntryFrame.Decoded entry) {
        return CrossingCodec.decode(entry.payload());
    }

    private long usedBytes() {
        return segments.values().stream().mapToLong(segment -> segment.size).sum();
    }

    private void syncDirectory() {
        try (FileChannel dir = FileChannel.open(settings.dir(), StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            // not every file system lets a directory be forced; the entries themselves are forced
        }
    }

    private record PendingRef(long sequence, SegmentFile segment, int position, Instant recordedAt) {
    }
}
