package org.flowwatch.producers.journal;

import java.util.ArrayList;
import java.util.List;

/**
 * What a segment file holds: its intact entries, the damaged stretches between intact entries, and where an
 * unreadable tail begins (-1 if none). After a bad entry the scan looks for the next intact one byte by byte: the
 * CRC32C makes a false match practically impossible, so entries after a damaged stretch are not lost.
 */
record SegmentScan(List<EntryFrame.Decoded> entries, List<int[]> damagedRanges, int tailStart, int size) {

    static SegmentScan of(byte[] bytes) {
        List<EntryFrame.Decoded> entries = new ArrayList<>();
        List<int[]> damaged = new ArrayList<>();
        int position = 0;
        while (position < bytes.length) {
            EntryFrame.Decoded entry = EntryFrame.decodeAt(bytes, position);
            if (entry != null) {
                entries.add(entry);
                position = entry.end();
                continue;
            }
            int next = nextIntact(bytes, position + 1);
            if (next < 0) {
                return new SegmentScan(entries, damaged, position, bytes.length);
            }
            damaged.add(new int[] {position, next - position});
            position = next;
        }
        return new SegmentScan(entries, damaged, -1, bytes.length);
    }

    private static int nextIntact(byte[] bytes, int from) {
        for (int position = from; position + EntryFrame.HEADER + EntryFrame.MIN_BODY <= bytes.length; position++) {
            if (EntryFrame.decodeAt(bytes, position) != null) {
                return position;
            }
        }
        return -1;
    }

    boolean hasTail() {
        return tailStart >= 0;
    }
}
