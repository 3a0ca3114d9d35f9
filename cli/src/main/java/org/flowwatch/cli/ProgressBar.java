package org.flowwatch.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import org.flowwatch.producers.replay.CurveReplay;

/** A one-line progress bar of a replay, redrawn in place: hours of event time sent and people so far. */
record ProgressBar(PrintWriter out, Instant from, long totalHours) implements CurveReplay.HourListener {

    private static final int WIDTH = 30;

    ProgressBar(PrintWriter out, Instant from, Duration length) {
        this(out, from, Math.max(1, length.toHours()));
    }

    @Override
    public void hourSent(Instant hour, long peopleSoFar) {
        long done = Duration.between(from, hour).toHours() + 1;
        int filled = (int) (WIDTH * done / totalHours);
        out.printf("\r[%s%s] %d/%d h of event time, %,d people sent", "#".repeat(filled), ".".repeat(WIDTH - filled),
                done, totalHours, peopleSoFar);
        if (done >= totalHours) {
            out.println();
        }
        out.flush();
    }
}
