package org.flowwatch.producers.journal;

import java.nio.file.Path;

/**
 * Where the journal lives and how much disk it may use: {@code maxBytes} bounds the segment files together, the
 * officer is warned once they pass {@code warnRatio} of it, and segments roll at {@code segmentBytes}.
 */
public record JournalSettings(Path dir, long maxBytes, double warnRatio, int segmentBytes) {

    public JournalSettings {
        if (segmentBytes < EntryFrame.HEADER + EntryFrame.MAX_BODY) {
            throw new IllegalArgumentException("segment size must hold at least one entry of " + EntryFrame.MAX_BODY + " bytes");
        }
        if (maxBytes < segmentBytes) {
            throw new IllegalArgumentException("the journal bound must be at least one segment");
        }
        if (warnRatio <= 0 || warnRatio > 1) {
            throw new IllegalArgumentException("the warning ratio must be in (0, 1]");
        }
    }

    public static JournalSettings in(Path dir) {
        return new JournalSettings(dir, 256L * 1024 * 1024, 0.8, 1024 * 1024);
    }
}
