package org.flowwatch.producers.gateway;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The eventId of a form submission, derived from its instance id (a name-based UUID): Kobo resending a submission,
 * or the same submission pulled again from ODK Central, gets the same eventId, so the streams dedupe counts it once.
 * The same for an SMS report: its post, the sender's allow-list reference (never the number) and its report number.
 */
public final class SubmissionIds {

    private static final String NAMESPACE = "flowwatch:xform-instance:";
    private static final String SMS_NAMESPACE = "flowwatch:sms-report:";

    private SubmissionIds() {
    }

    public static UUID eventIdFor(String instanceId) {
        String bare = instanceId.startsWith("uuid:") ? instanceId.substring("uuid:".length()) : instanceId;
        return UUID.nameUUIDFromBytes((NAMESPACE + bare).getBytes(StandardCharsets.UTF_8));
    }

    /** The eventId of report {@code #sequence} sent by allow-list entry {@code reference} for {@code postId}. */
    public static UUID smsEventIdFor(String postId, String reference, long sequence) {
        return UUID.nameUUIDFromBytes((SMS_NAMESPACE + postId + "\n" + reference + "\n" + sequence).getBytes(StandardCharsets.UTF_8));
    }
}
