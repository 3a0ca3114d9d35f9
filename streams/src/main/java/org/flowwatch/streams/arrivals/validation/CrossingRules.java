package org.flowwatch.streams.arrivals.validation;

import java.util.Optional;
import org.flowwatch.schemas.avro.AgeBands;
import org.flowwatch.schemas.avro.CrossingEvent;
import org.flowwatch.schemas.avro.SexAgeBreakdown;
import org.flowwatch.schemas.avro.Site;
import org.flowwatch.schemas.avro.Vulnerabilities;
import org.flowwatch.streams.arrivals.validation.Rejection.Reason;

/** What makes a crossing countable; pure, so every rule is tested without Kafka. */
public final class CrossingRules implements RecordRules<CrossingEvent> {

    private final ValidationRules limits;

    public CrossingRules(ValidationRules limits) {
        this.limits = limits;
    }

    @Override
    public String postOf(CrossingEvent crossing) {
        return crossing.getPostId();
    }

    @Override
    public Optional<Rejection> check(CrossingEvent crossing, Site post, RecordTimes times) {
        if (crossing.getEventId() == null) {
            return reject(Reason.MISSING_FIELD, "eventId");
        }
        if (crossing.getDirection() == null) {
            return reject(Reason.MISSING_FIELD, "direction");
        }
        Optional<Rejection> postRejection = PostRules.check(post, "postId");
        if (postRejection.isPresent()) {
            return postRejection;
        }
        // A withdrawal counts nobody: it may say 0 people (the post client's withdraw knows only the eventId).
        int fewest = crossing.getWithdrawn() ? 0 : 1;
        if (crossing.getPeople() < fewest || crossing.getPeople() > limits.maxPeople()) {
            return reject(Reason.PEOPLE_OUT_OF_RANGE, "people");
        }
        if (crossing.getVehicles() < 0) {
            return reject(Reason.NEGATIVE_COUNT, "vehicles");
        }
        Optional<Rejection> breakdownRejection = checkBreakdown(crossing.getBreakdown(), crossing.getPeople());
        if (breakdownRejection.isPresent()) {
            return breakdownRejection;
        }
        if (hasNegative(crossing.getVulnerabilities())) {
            return reject(Reason.NEGATIVE_COUNT, "vulnerabilities");
        }
        return PostRules.checkEventTime(crossing.getOccurredAt().toEpochMilli(), "occurredAt", times, limits);
    }

    private static Optional<Rejection> checkBreakdown(SexAgeBreakdown breakdown, int people) {
        if (breakdown == null) {
            return Optional.empty();
        }
        if (hasNegative(breakdown.getFemale()) || hasNegative(breakdown.getMale())) {
            return reject(Reason.NEGATIVE_COUNT, "breakdown");
        }
        long total = sum(breakdown.getFemale()) + sum(breakdown.getMale());
        return total > people ? reject(Reason.BREAKDOWN_EXCEEDS_PEOPLE, "breakdown") : Optional.empty();
    }

    static long sum(AgeBands bands) {
        return (long) bands.getAge0to4() + bands.getAge5to11() + bands.getAge12to17() + bands.getAge18to59() + bands.getAge60plus();
    }

    private static boolean hasNegative(AgeBands bands) {
        return bands.getAge0to4() < 0 || bands.getAge5to11() < 0 || bands.getAge12to17() < 0
                || bands.getAge18to59() < 0 || bands.getAge60plus() < 0;
    }

    private static boolean hasNegative(Vulnerabilities vulnerabilities) {
        return vulnerabilities != null && (vulnerabilities.getUnaccompaniedChildren() < 0 || vulnerabilities.getDisabled() < 0
                || vulnerabilities.getNeedsMedicalCare() < 0 || vulnerabilities.getPregnant() < 0);
    }

    private static Optional<Rejection> reject(Reason reason, String field) {
        return Optional.of(Rejection.of(reason, field));
    }
}
