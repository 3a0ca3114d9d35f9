package org.flowwatch.streams.arrivals.validation;

import java.util.Optional;
import org.flowwatch.schemas.avro.Site;
import org.flowwatch.schemas.avro.SiteKind;
import org.flowwatch.streams.arrivals.validation.Rejection.Reason;

/** Rules every record from a post shares: the post is a known border post, the event time is plausible. */
final class PostRules {

    private PostRules() {
    }

    static Optional<Rejection> check(Site post, String field) {
        if (post == null) {
            return Optional.of(Rejection.of(Reason.UNKNOWN_POST, field));
        }
        return post.getKind() == SiteKind.BORDER_POST ? Optional.empty() : Optional.of(Rejection.of(Reason.NOT_A_BORDER_POST, field));
    }

    static Optional<Rejection> checkEventTime(long eventTime, String field, RecordTimes times, ValidationRules limits) {
        if (times.isFuture(eventTime, limits.futureTolerance())) {
            return Optional.of(Rejection.of(Reason.IN_THE_FUTURE, field));
        }
        if (times.isBeforeHorizon(eventTime, limits.maxAge())) {
            return Optional.of(Rejection.of(Reason.BEFORE_HORIZON, field));
        }
        return Optional.empty();
    }
}
