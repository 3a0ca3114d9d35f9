package org.flowwatch.producers.post;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.flowwatch.producers.journal.Backlog;
import org.flowwatch.producers.journal.DiskUse;

/** What the officer reads after recording and in the status: plain sentences, never a crossing's contents. */
public final class PostMessages {

    private PostMessages() {
    }

    /** A warning once the journal nears its bound, while there is still room. */
    public static Optional<String> diskWarning(DiskUse disk) {
        if (!disk.nearlyFull()) {
            return Optional.empty();
        }
        return Optional.of(String.format("WARNING: the journal is %d%% full (bound %d MiB). Crossings cannot be sent: "
                + "connect the post to a network, or tell the operations centre.", disk.percent(), disk.maxBytes() / (1024 * 1024)));
    }

    public static String pending(Backlog backlog, Instant now) {
        if (backlog.pendingEvents() == 0) {
            return "nothing pending";
        }
        return String.format("%,d crossing(s) pending, oldest recorded %s ago", backlog.pendingEvents(),
                ago(backlog.oldestPendingAt(), now));
    }

    public static String ago(Instant then, Instant now) {
        if (then == null) {
            return "never";
        }
        Duration age = Duration.between(then, now);
        if (age.isNegative()) {
            return "0s";
        }
        return age.toHours() > 0 ? age.toHours() + "h " + age.toMinutesPart() + "m" : age.toMinutes() > 0
                ? age.toMinutes() + "m " + age.toSecondsPart() + "s" : age.toSeconds() + "s";
    }
}
