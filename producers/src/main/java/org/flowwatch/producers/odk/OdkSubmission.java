package org.flowwatch.producers.odk;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
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
        return crossingFields.toCrossing(fields, postId, SubmissionIds.eventIdFor(instanceId), null, receivedAt);
    }
}
