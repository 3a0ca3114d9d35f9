package org.flowwatch.producers.gateway;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
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

    /** Revisions count seconds from here: an int holds them until 2088. */
    static final Instant REVISION_EPOCH = Instant.parse("2020-01-01T00:00:00Z");

    /**
     * The revision of an edit made at {@code editedAt}: the seconds since 2020 (at least 1; 0 is the submission as
     * first sent). A later edit gets a higher revision and replaces an earlier one, whichever reaches us first, with
     * no state here; an edit's time is the device's, so two edits of one submission within the same second, or from
     * devices whose clocks disagree, may be ordered wrongly.
     */
    public static int revisionAt(Instant editedAt) {
        long seconds = Duration.between(REVISION_EPOCH, editedAt).getSeconds();
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, seconds));
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
