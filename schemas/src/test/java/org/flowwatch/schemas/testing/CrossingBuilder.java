package org.flowwatch.schemas.testing;

import java.time.Instant;
import java.util.UUID;
import org.flowwatch.schemas.avro.CrossingEvent;
import org.flowwatch.schemas.avro.Direction;
import org.flowwatch.schemas.avro.SexAgeBreakdown;
import org.flowwatch.schemas.avro.Vulnerabilities;

/** Test data: a valid arrival of one person at 2023-09-01T06:00Z through BP-07, changed by what a test cares about. */
public final class CrossingBuilder {

    public static final Instant T0 = Instant.parse("2023-09-01T06:00:00Z");

    private final CrossingEvent.Builder builder = CrossingEvent.newBuilder()
            .setEventId(UUID.randomUUID())
            .setPostId("BP-07")
            .setOccurredAt(T0)
            .setRecordedAt(T0)
            .setDirection(Direction.ARRIVAL)
            .setPeople(1)
            .setVehicles(0);

    private CrossingBuilder() {
    }

    public static CrossingBuilder aCrossing() {
        return new CrossingBuilder();
    }

    public CrossingBuilder atPost(String postId) {
        builder.setPostId(postId);
        return this;
    }

    public CrossingBuilder people(int people) {
        builder.setPeople(people);
        return this;
    }

    public CrossingBuilder vehicles(int vehicles) {
        builder.setVehicles(vehicles);
        return this;
    }

    public CrossingBuilder at(Instant occurredAt) {
        builder.setOccurredAt(occurredAt).setRecordedAt(occurredAt);
        return this;
    }

    public CrossingBuilder departure() {
        builder.setDirection(Direction.DEPARTURE);
        return this;
    }

    public CrossingBuilder eventId(UUID eventId) {
        builder.setEventId(eventId);
        return this;
    }

    /** A correction: revision {@code revision} of the same eventId (0 is the crossing as first recorded). */
    public CrossingBuilder revision(int revision) {
        builder.setRevision(revision);
        return this;
    }

    public CrossingBuilder withdrawn() {
        builder.setWithdrawn(true);
        return this;
    }

    public CrossingBuilder breakdown(SexAgeBreakdown breakdown) {
        builder.setBreakdown(breakdown);
        return this;
    }

    public CrossingBuilder vulnerabilities(Vulnerabilities vulnerabilities) {
        builder.setVulnerabilities(vulnerabilities);
        return this;
    }

    public CrossingBuilder destination(String siteId) {
        builder.setDestinationSiteId(siteId);
        return this;
    }

    public CrossingEvent build() {
        return builder.build();
    }
}
