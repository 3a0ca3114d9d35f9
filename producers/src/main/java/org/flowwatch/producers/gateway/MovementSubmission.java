package org.flowwatch.producers.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.flowwatch.producers.post.FieldException;
import org.flowwatch.producers.post.FieldValues;
import org.flowwatch.producers.post.FlatFields;
import org.flowwatch.producers.sites.MovementReport;
import org.flowwatch.schemas.avro.SiteMovement;

/**
 * A site's report of people moving, as JSON {@code {kind, fromSiteId, toSiteId, people, occurredAt, reason, eventId}}
 * (a site's phone or the operations centre's form). The caller's token names a site, and a site reports only
 * movements that leave or reach it. Without an eventId, the id is derived from the report itself, so a phone that
 * sends the same report again (no answer, a retry) does not move the same people twice.
 */
final class MovementSubmission {

    static final String[] FIELDS = {"kind", "fromSiteId", "toSiteId", "people", "occurredAt", "reason", "eventId"};

    private MovementSubmission() {
    }

    static SiteMovement toMovement(JsonNode body, String callerSite, Instant receivedAt) {
        FieldValues values = new FieldValues(FlatFields.of(body));
        MovementReport report = new MovementReport(values.text("kind").orElse(null), values.text("fromSiteId").orElse(null),
                values.text("toSiteId").orElse(null),
                values.count("people").orElseThrow(() -> new FieldException("people", "required, 1 or more")),
                values.instant("occurredAt").orElse(null), values.text("reason").orElse(null));
        UUID eventId = values.uuid("eventId").orElseGet(() -> sameReportSameId(values));
        SiteMovement movement = report.toMovement(eventId, receivedAt);
        if (!report.involves(callerSite)) {
            throw new ForeignSiteException(movement.getFromSiteId() != null ? "fromSiteId" : "toSiteId",
                    "this caller reports for site '" + callerSite + "', and the movement neither leaves nor reaches it");
        }
        return movement;
    }

    private static UUID sameReportSameId(FieldValues values) {
        StringBuilder report = new StringBuilder("gateway-movement");
        for (String field : FIELDS) {
            report.append('/').append(values.text(field).orElse(""));
        }
        return UUID.nameUUIDFromBytes(report.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The movement names another site than the caller's: answered 403, as a crossing for another post is. */
    static final class ForeignSiteException extends FieldException {

        ForeignSiteException(String field, String problem) {
            super(field, problem);
        }
    }
}
