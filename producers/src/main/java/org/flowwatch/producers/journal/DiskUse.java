package org.flowwatch.producers.journal;

/** Bytes of journal on disk against the bound; {@link #nearlyFull()} is when the officer is warned. */
public record DiskUse(long usedBytes, long maxBytes, double warnRatio) {

    public boolean nearlyFull() {
        return usedBytes >= (long) (maxBytes * warnRatio);
    }

    public int percent() {
        return (int) (100 * usedBytes / maxBytes);
    }
}
