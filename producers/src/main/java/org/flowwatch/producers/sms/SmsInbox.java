package org.flowwatch.producers.sms;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.flowwatch.producers.gateway.SubmissionIds;
import org.flowwatch.producers.post.CrossingFields;
import org.flowwatch.producers.post.FieldException;
import org.flowwatch.producers.publish.CrossingPublisher;
import org.flowwatch.producers.publish.DeadLetterPublisher;
import org.flowwatch.producers.publish.TopicPublisher;
import org.flowwatch.producers.sms.SmsSenders.Sender;
import org.flowwatch.schemas.avro.Alert;
import org.flowwatch.schemas.avro.AlertAck;
import org.flowwatch.schemas.avro.CrossingEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every inbound text, whether it came over the SMSC bind or an SMS gateway's webhook, goes through {@link #handle}:
 * the sender's number finds its allow-list entries (and is then dropped), the text becomes a crossing on the
 * crossings topic or an {@link AlertAck}, and the answer is the one-line reply to send back. A text that cannot be
 * taken goes to the dead-letter topic as sent, with the reason and the sender's reference, never the number, and
 * is answered with what is wrong.
 */
public final class SmsInbox {

    private static final Logger LOG = LoggerFactory.getLogger(SmsInbox.class);
    static final String UNKNOWN_SENDER = "unknown sender";
    private static final String EXAMPLE = "Form: FW KOR 12 F5 C4 V2 #17";

    private final SmsSenders senders;
    private final CrossingFields crossingFields;
    private final CrossingPublisher crossings;
    private final TopicPublisher<AlertAck> acks;
    private final AlertBoard alerts;
    private final DeadLetterPublisher deadLetters;
    private final Duration ackTimeout;
    private final Clock clock;

    public SmsInbox(SmsSenders senders, CrossingFields crossingFields, CrossingPublisher crossings, TopicPublisher<AlertAck> acks,
                    AlertBoard alerts, DeadLetterPublisher deadLetters, Duration ackTimeout, Clock clock) {
        this.senders = senders;
        this.crossingFields = crossingFields;
        this.crossings = crossings;
        this.acks = acks;
        this.alerts = alerts;
        this.deadLetters = deadLetters;
        this.ackTimeout = ackTimeout;
        this.clock = clock;
    }

    /**
     * Takes {@code text} from {@code number} received over {@code channel} at {@code receivedAt} (the time of the
     * crossing) and returns the reply. Never throws for what a sender wrote.
     */
    public String handle(String channel, String number, String text, Instant receivedAt) {
        List<Sender> entries = senders.entriesOf(number);
        if (entries.isEmpty()) {
            return refuse(new Refusal("SMS_UNKNOWN_SENDER", "sender", "this phone may not send reports; ask the operations centre to add it"),
                    channel, UNKNOWN_SENDER, text);
        }
        String reference = entries.get(0).reference();
        SmsReport report;
        try {
            report = SmsReport.parse(text);
        } catch (SmsFormatException e) {
            return refuse(new Refusal("SMS_BAD_FORMAT", "text", e.getMessage() + ". " + EXAMPLE), channel, reference, text);
        }
        try {
            return report instanceof SmsReport.Crossing crossing ? record(crossing, entries, receivedAt)
                    : acknowledge((SmsReport.Ack) report);
        } catch (RefusedException e) {
            return refuse(e.refusal, channel, reference, text);
        } catch (FieldException e) {
            return refuse(new Refusal("SMS_FIELD", e.field(), e.getMessage()), channel, reference, text);
        }
    }

    private String record(SmsReport.Crossing report, List<Sender> entries, Instant receivedAt) {
        Sender sender = senderFor(report.post(), entries);
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(CrossingFields.PEOPLE, Integer.toString(report.people()));
        if (report.vehicles() != null) {
            fields.put(CrossingFields.VEHICLES, Integer.toString(report.vehicles()));
        }
        CrossingEvent crossing = crossingFields.toCrossing(fields, sender.postId(),
                SubmissionIds.smsEventIdFor(sender.postId(), sender.reference(), report.sequence()), receivedAt, clock.instant());
        if (!stored(crossings.publish(crossing), sender.reference())) {
            return "FW ERROR: not stored yet (no answer from the centre); send the same text again";
        }
        return "FW OK " + sender.postId() + " " + report.people() + (report.people() == 1 ? " person #" : " people #") + report.sequence();
    }

    private String acknowledge(SmsReport.Ack ack) {
        Alert alert = alerts.find(ack.alert()).orElseThrow(() -> new RefusedException(new Refusal("SMS_UNKNOWN_ALERT", "alert",
                "no alert " + ack.alert() + "; send the id shown in the alert SMS")));
        AlertAck stored = AlertAck.newBuilder().setAlertId(alert.getAlertId()).setAlertVersion(alert.getVersion())
                .setAcknowledgedAt(clock.instant()).build();
        if (!stored(acks.publish(alert.getAlertId(), stored.getAcknowledgedAt(), stored), "ack")) {
            return "FW ERROR: acknowledgement not stored yet; send it again";
        }
        return "FW OK alert " + AlertBoard.shortId(alert.getAlertId()) + " acknowledged";
    }

    /** The entry of {@code entries} for the post the text names: its id or the start of it (3 letters or more). */
    private static Sender senderFor(String typed, List<Sender> entries) {
        String post = typed.toLowerCase(Locale.ROOT);
        List<Sender> forPost = entries.stream().filter(Sender::reportsForAPost)
                .filter(entry -> entry.postId().equalsIgnoreCase(post)).toList();
        if (forPost.isEmpty() && post.length() >= 3) {
            forPost = entries.stream().filter(Sender::reportsForAPost)
                    .filter(entry -> entry.postId().toLowerCase(Locale.ROOT).startsWith(post)).toList();
        }
        if (forPost.size() > 1) {
            throw new RefusedException(new Refusal("SMS_FOREIGN_POST", "post", "post " + typed + " is more than one of your posts; send the full post id"));
        }
        if (forPost.isEmpty()) {
            throw new RefusedException(new Refusal("SMS_FOREIGN_POST", "post", "this phone does not report for post " + typed));
        }
        return forPost.get(0);
    }

    private String refuse(Refusal refusal, String channel, String reference, String text) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(DeadLetterPublisher.REASON, refusal.reason());
        headers.put(DeadLetterPublisher.FIELD, refusal.field());
        headers.put(DeadLetterPublisher.MESSAGE, refusal.message());
        headers.put(DeadLetterPublisher.SOURCE_CHANNEL, channel);
        headers.put(DeadLetterPublisher.SOURCE_SENDER, reference);
        byte[] value = (text == null ? "" : text).getBytes(StandardCharsets.UTF_8);
        stored(deadLetters.publish(reference.equals(UNKNOWN_SENDER) ? null : reference, clock.instant(), value, headers), reference);
        return "FW ERROR: " + refusal.message();
    }

    /** Whether Kafka acknowledged {@code send} within the ack timeout; logs the sender's reference if not. */
    private boolean stored(Future<RecordMetadata> send, String reference) {
        try {
            send.get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            LOG.warn("SMS from {}: not acknowledged by Kafka ({})", reference, e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    /** Why a text is refused: the dead-letter reason, the part it is about and the reply's explanation. */
    private record Refusal(String reason, String field, String message) {
    }

    private static final class RefusedException extends RuntimeException {
        private final transient Refusal refusal;

        RefusedException(Refusal refusal) {
            super(refusal.message(), null, false, false);
            this.refusal = refusal;
        }
    }
}
