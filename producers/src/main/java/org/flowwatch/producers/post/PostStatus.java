package org.flowwatch.producers.post;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.flowwatch.producers.journal.Backlog;

/** What {@code flowwatch post status} prints: backlog, last successful send, broker reachability, journal health. */
public final class PostStatus {

    private PostStatus() {
    }

    public static List<String> lines(PostSettings post, Backlog backlog, Optional<String> brokerProblem, String brokers,
                                     Instant now) {
        List<String> lines = new ArrayList<>();
        lines.add("post " + post.postId() + ", journal " + post.journal().dir());
        lines.add("backlog: " + PostMessages.pending(backlog, now));
        lines.add("last successful send: " + (backlog.lastSentAt() == null ? "never"
                : backlog.lastSentAt() + " (" + PostMessages.ago(backlog.lastSentAt(), now) + " ago)"));
        lines.add("kafka " + brokers + ": " + brokerProblem.map(problem -> "UNREACHABLE (" + problem + ")").orElse("reachable"));
        lines.add(String.format("journal disk use: %d%% of %d MiB", backlog.disk().percent(), backlog.disk().maxBytes() / (1024 * 1024)));
        PostMessages.diskWarning(backlog.disk()).ifPresent(lines::add);
        backlog.damages().forEach(damage -> lines.add("DAMAGED: " + damage.describe()
                + "; crossings there cannot be sent (the segment is kept for examination)"));
        return lines;
    }
}
