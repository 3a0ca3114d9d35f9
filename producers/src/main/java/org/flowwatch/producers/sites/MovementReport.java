package org.flowwatch.producers.sites;

import java.time.Instant;
import java.util.UUID;
import org.flowwatch.producers.post.FieldException;
import org.flowwatch.schemas.avro.MovementKind;
import org.flowwatch.schemas.avro.MovementReason;
import org.flowwatch.schemas.avro.SiteMovement;

/**
 * People moving from or to a site as a person reports them (the operator's command line, a site's phone through the
 * gateway), checked before anything is published: the sites app would refuse the same record later, where nobody
 * who could correct it sees the refusal. Field names are the contract's ({@code fromSiteId}, {@code people}, ...).
 *
 * @param reason null when not said
 */
public record MovementReport(String kind, String fromSiteId, String toSiteId, int people, Instant occurredAt,
                             String reason) {

    /** The movement, or a {@link FieldException} naming the first field that is missing or wrong. */
    public SiteMovement toMovement(UUID eventId, Instant recordedAt) {
        MovementKind movementKind = Choices.of(MovementKind.class, "kind", kind);
        if (movementKind != MovementKind.ARRIVAL && blank(fromSiteId)) {
            throw new FieldException("fromSiteId", "required for a " + word(movementKind) + ": the site people leave");
        }
        if (movementKind != MovementKind.DEPARTURE && blank(toSiteId)) {
            throw new FieldException("toSiteId", "required for a " + word(movementKind) + ": the site people reach");
        }
        if (movementKind == MovementKind.TRANSFER && fromSiteId.trim().equals(toSiteId.trim())) {
            throw new FieldException("toSiteId", "a transfer goes to another site, not back to '" + fromSiteId.trim() + "'");
        }
        if (people < 1) {
            throw new FieldException("people", "must be 1 or more, got " + people);
        }
        if (occurredAt == null) {
            throw new FieldException("occurredAt", "required, a date-time with offset such as 2023-09-26T08:00:00+04:00");
        }
        return SiteMovement.newBuilder().setEventId(eventId).setKind(movementKind)
                .setFromSiteId(movementKind == MovementKind.ARRIVAL ? null : fromSiteId.trim())
                .setToSiteId(movementKind == MovementKind.DEPARTURE ? null : toSiteId.trim())
                .setPeople(people).setOccurredAt(occurredAt).setRecordedAt(recordedAt)
                .setReason(blank(reason) ? null : Choices.of(MovementReason.class, "reason", reason)).build();
    }

    /** Whether {@code siteId} is a site this movement leaves or reaches (a site may only report its own movements). */
    public boolean involves(String siteId) {
        return siteId.equals(trimmed(fromSiteId)) || siteId.equals(trimmed(toSiteId));
    }

    private static String word(MovementKind kind) {
        return kind.name().toLowerCase(java.util.Locale.ROOT);
    }

    private static String trimmed(String value) {
        return value == null ? null : value.trim();
    }

    static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
