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

    /** The status in the language of {@code say}. */
    public static List<String> lines(PostSettings post, Backlog backlog, Optional<String> brokerProblem, String brokers,
                                     Instant now, PostMessages say) {
        List<String> lines = new ArrayList<>();
        lines.add(say.say("post.status.post", "post", post.postId(), "dir", post.journal().dir().toString()));
        lines.add(say.say("post.status.backlog", "pending", say.pending(backlog, now)));
        lines.add(say.say("post.status.lastSent", "when", backlog.lastSentAt() == null ? say.say("post.never")
                : say.say("post.status.lastSentAt", "at", backlog.lastSentAt().toString(), "ago", say.ago(backlog.lastSentAt(), now))));
        lines.add(say.say("post.status.kafka", "brokers", brokers, "state", brokerProblem
                .map(problem -> say.say("post.status.unreachable", "problem", problem)).orElse(say.say("post.status.reachable"))));
        lines.add(say.say("post.status.disk", "percent", backlog.disk().percent(), "mib", backlog.disk().maxBytes() / (1024 * 1024)));
        say.diskWarning(backlog.disk()).ifPresent(lines::add);
        backlog.damages().forEach(damage -> lines.add(say.say("post.status.damaged", "what", damage.describe())));
        return lines;
    }
}
