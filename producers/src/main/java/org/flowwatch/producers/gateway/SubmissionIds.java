package org.flowwatch.producers.gateway;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The eventId of a form submission, derived from its instance id (a name-based UUID): Kobo resending a submission,
 * or the same submission pulled again from ODK Central, gets the same eventId, so the streams dedupe counts it once.
 */
public final class SubmissionIds {

    private static final String NAMESPACE = "flowwatch:xform-instance:";

    private SubmissionIds() {
    }

    public static UUID eventIdFor(String instanceId) {
        String bare = instanceId.startsWith("uuid:") ? instanceId.substring("uuid:".length()) : instanceId;
        return UUID.nameUUIDFromBytes((NAMESPACE + bare).getBytes(StandardCharsets.UTF_8));
    }
}
