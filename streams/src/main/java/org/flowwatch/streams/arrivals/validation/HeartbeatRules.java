package org.flowwatch.streams.arrivals.validation;

import java.util.Optional;
import org.flowwatch.schemas.avro.PostHeartbeat;
import org.flowwatch.schemas.avro.Site;
import org.flowwatch.streams.arrivals.validation.Rejection.Reason;

/** What makes a heartbeat believable: a known post, a sane journal size, a send time within the limits. */
public final class HeartbeatRules implements RecordRules<PostHeartbeat> {

    private final ValidationRules limits;

    public HeartbeatRules(ValidationRules limits) {
        this.limits = limits;
    }

    @Override
    public String postOf(PostHeartbeat heartbeat) {
        return heartbeat.getPostId();
    }

    @Override
    public Optional<Rejection> check(PostHeartbeat heartbeat, Site post, RecordTimes times) {
        Optional<Rejection> postRejection = PostRules.check(post, "postId");
        if (postRejection.isPresent()) {
            return postRejection;
        }
        if (heartbeat.getPendingEvents() < 0) {
            return Optional.of(Rejection.of(Reason.NEGATIVE_COUNT, "pendingEvents"));
        }
        return PostRules.checkEventTime(heartbeat.getSentAt().toEpochMilli(), "sentAt", times, limits);
    }
}
