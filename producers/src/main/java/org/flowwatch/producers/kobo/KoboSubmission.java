package org.flowwatch.producers.kobo;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import org.flowwatch.producers.gateway.SubmissionIds;
import org.flowwatch.producers.post.CrossingFields;
import org.flowwatch.producers.post.FieldException;
import org.flowwatch.producers.post.FlatFields;
import org.flowwatch.schemas.avro.CrossingEvent;

/**
 * A KoboToolbox REST-service submission as a crossing. Kobo sends flat slash keys ({@code "crossing/people"}) with
 * string answers; the form's question names are the {@link CrossingFields} names, in any group. The dedupe key is
 * {@code meta/rootUuid} (stable across edits) or else {@code meta/instanceID}; the crossing time is the form's
 * {@code crossed_at} or else {@code start} (device time), never {@code _submission_time} (when a network was found).
 * An edit keeps {@code meta/rootUuid}, gets a new {@code meta/instanceID} and names the one it replaces in
 * {@code meta/deprecatedID}: it becomes a higher revision of the same eventId ({@link SubmissionIds#revisionAt}, from
 * the edit's {@code end}, else its {@code _submission_time}), which replaces the crossing counted before.
 */
public final class KoboSubmission {

    static final String ROOT_UUID = "meta/rootUuid";
    static final String INSTANCE_ID = "meta/instanceID";
    static final String DEPRECATED_ID = "meta/deprecatedID";

    private KoboSubmission() {
    }

    public static CrossingEvent toCrossing(JsonNode submission, String postId, Instant receivedAt, CrossingFields crossingFields) {
        Map<String, String> paths = FlatFields.of(submission);
        String instanceId = text(paths, ROOT_UUID).or(() -> text(paths, INSTANCE_ID))
                .orElseThrow(() -> new FieldException(INSTANCE_ID, "required (Kobo sends it with every submission)"));
        Map<String, String> fields = FlatFields.byName(paths);
        fields.remove(CrossingFields.EVENT_ID);
        if (!fields.containsKey(CrossingFields.CROSSED_AT) && paths.containsKey("start")) {
            fields.put(CrossingFields.CROSSED_AT, paths.get("start"));
        }
        CrossingEvent crossing = crossingFields.toCrossing(fields, postId, SubmissionIds.eventIdFor(instanceId), null, receivedAt);
        if (text(paths, DEPRECATED_ID).isPresent()) {
            crossing.setRevision(SubmissionIds.revisionAt(editedAt(paths, receivedAt)));
        }
        return crossing;
    }

    private static Instant editedAt(Map<String, String> paths, Instant receivedAt) {
        Optional<String> end = text(paths, "end");
        if (end.isPresent()) {
            try {
                return OffsetDateTime.parse(end.get()).toInstant();
            } catch (DateTimeParseException e) {
                throw new FieldException("end", "must be a date-time with offset, as Kobo sends it");
            }
        }
        // _submission_time is server time in UTC with no offset
        return text(paths, "_submission_time").map(time -> LocalDateTime.parse(time).toInstant(ZoneOffset.UTC)).orElse(receivedAt);
    }

    private static Optional<String> text(Map<String, String> paths, String key) {
        return Optional.ofNullable(paths.get(key)).filter(value -> !value.isBlank());
    }
}
