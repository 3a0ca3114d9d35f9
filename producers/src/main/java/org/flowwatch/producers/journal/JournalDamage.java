package org.flowwatch.producers.journal;

import java.nio.file.Path;

/**
 * Bytes in the middle of the journal that no longer read as an intact entry (a disk fault, not a power cut: those
 * only tear the last entry). The crossings recorded there cannot be sent; the segment is kept in {@code damaged/}
 * when it is compacted, so it can be examined, and the damage is reported to the officer and in the status.
 */
public record JournalDamage(Path segment, long offset, long length) {

    public String describe() {
        return length + " unreadable byte(s) in " + segment.getFileName() + " at offset " + offset;
    }
}
