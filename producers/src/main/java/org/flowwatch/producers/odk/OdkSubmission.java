package org.flowwatch.producers.odk;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.flowwatch.producers.gateway.SubmissionIds;
import org.flowwatch.producers.post.CrossingFields;
import org.flowwatch.producers.post.FieldException;
import org.flowwatch.producers.post.FlatFields;
import org.flowwatch.schemas.avro.CrossingEvent;

/**
 * ODK Central OData submissions as crossings: one submission object, or a page {@code {"value": [...]}} as the
 * Submissions endpoint returns it. Groups are nested objects; the instance id is {@code __id} (or
 * {@code meta/instanceID}) and gives the eventId the same way as for Kobo, so a re-pulled page is counted once.
 * Central keeps {@code __id} across edits and counts them in {@code __system/edits}: an edited submission is revision
 * {@code edits} of the same eventId and replaces the crossing counted before (an edit without that count, but with
 * {@code meta/deprecatedID}, gets a revision from {@code __system/updatedAt}, as Kobo edits do).
 */
public final class OdkSubmission {

    private OdkSubmission() {
    }

    public static List<CrossingEvent> toCrossings(JsonNode body, String postId, Instant receivedAt,
                                                 CrossingFields crossingFields) {
        if (!body.has("value")) {
            return List.of(toCrossing(body, postId, receivedAt, crossingFields));
        }
        if (!body.get("value").isArray()) {
            throw new FieldException("value", "must be the array of submissions of an OData page");
        }
        List<CrossingEvent> crossings = new ArrayList<>();
        for (int i = 0; i < body.get("value").size(); i++) {
            try {
                crossings.add(toCrossing(body.get("value").get(i), postId, receivedAt, crossingFields));
            } catch (FieldException e) {
                throw new FieldException("value[" + i + "]." + e.field(), e.getMessage().substring(e.field().length() + 2));
            }
        }
        return crossings;
    }

    private static CrossingEvent toCrossing(JsonNode submission, String postId, Instant receivedAt,
                                            CrossingFields crossingFields) {
        if (!submission.isObject()) {
            throw new FieldException("submission", "must be a JSON object");
        }
        Map<String, String> paths = FlatFields.of(submission);
        String instanceId = Optional.ofNullable(paths.get("__id")).or(() -> Optional.ofNullable(paths.get("meta/instanceID")))
                .orElseThrow(() -> new FieldException("__id", "required (the submission's instance id)"));
        Map<String, String> fields = FlatFields.byName(paths);
        fields.remove(CrossingFields.EVENT_ID);
        CrossingEvent crossing = crossingFields.toCrossing(fields, postId, SubmissionIds.eventIdFor(instanceId), null, receivedAt);
        crossing.setRevision(revisionOf(paths, receivedAt));
        return crossing;
    }

    private static int revisionOf(Map<String, String> paths, Instant receivedAt) {
        try {
            if (paths.get("__system/edits") != null) {
                return Math.max(0, Integer.parseInt(paths.get("__system/edits")));
            }
            if (paths.get("meta/deprecatedID") == null) {
                return 0;
            }
            String updatedAt = paths.get("__system/updatedAt");
            return SubmissionIds.revisionAt(updatedAt == null ? receivedAt : OffsetDateTime.parse(updatedAt).toInstant());
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new FieldException("__system", "edits must be a whole number and updatedAt a date-time with offset");
        }
    }
}
