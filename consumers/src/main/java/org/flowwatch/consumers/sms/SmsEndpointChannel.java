package org.flowwatch.consumers.sms;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flowwatch.consumers.webhook.AlertChannel;
import org.flowwatch.consumers.webhook.AttemptResult;
import org.flowwatch.schemas.avro.Alert;
import org.flowwatch.schemas.avro.SmsReceipt;
import org.flowwatch.schemas.avro.SmsStatus;

/**
 * An SMS endpoint as the dispatcher sees it: one addressee per recipient whose filter takes the alert, each
 * delivery retried, parked and dead-lettered under the recipient's reference. An attempt writes the recipient's
 * text, splits or shortens it, sends it, and records ACCEPTED (or FAILED when refused for good) in the receipts.
 */
final class SmsEndpointChannel implements AlertChannel {

    private final SmsEndpoint endpoint;
    private final Map<String, SmsRecipient> recipients = new LinkedHashMap<>();
    private final SmsSender sender;
    private final SmsText text;
    private final SmsReceipts receipts;
    private final Clock clock;

    SmsEndpointChannel(SmsEndpoint endpoint, SmsSender sender, SmsText text, SmsReceipts receipts, Clock clock) {
        this.endpoint = endpoint;
        endpoint.recipients().forEach(recipient -> recipients.put(recipient.reference(), recipient));
        this.sender = sender;
        this.text = text;
        this.receipts = receipts;
        this.clock = clock;
    }

    @Override
    public String name() {
        return endpoint.name();
    }

    @Override
    public double ratePerSecond() {
        return endpoint.ratePerMinute() / 60;
    }

    @Override
    public List<String> addressees(Alert alert) {
        return recipients.values().stream().filter(recipient -> recipient.filter().matches(alert)).map(SmsRecipient::reference).toList();
    }

    @Override
    public boolean owns(String addressee) {
        return recipients.containsKey(addressee);
    }

    @Override
    public AttemptResult attempt(String addressee, Alert alert) throws InterruptedException {
        SmsRecipient recipient = recipients.get(addressee);
        SmsMessage message = SmsMessage.of(text.of(alert, recipient.language()), endpoint.maxParts());
        SmsSender.Sent sent = sender.send(recipient.number(), message);
        switch (sent.result().kind()) {
            case DELIVERED -> receipts.accepted(receipt(alert, recipient, SmsStatus.ACCEPTED, message, sent), sent.messageIds());
            case REJECTED, GONE -> receipts.accepted(receipt(alert, recipient, SmsStatus.FAILED, message, sent), List.of());
            case RETRY -> {
                // nothing to record yet: the dispatcher tries again or gives up into the dead-letter topic
            }
        }
        return sent.result();
    }

    private SmsReceipt receipt(Alert alert, SmsRecipient recipient, SmsStatus status, SmsMessage message, SmsSender.Sent sent) {
        String detail = status == SmsStatus.FAILED ? sent.result().error() : sent.detail().orElse(null);
        return new SmsReceipt(alert.getAlertId(), alert.getVersion(), recipient.reference(), endpoint.via(), status,
                sent.messageIds().isEmpty() ? null : sent.messageIds().get(0), message.parts().size(), detail, clock.instant());
    }

    @Override
    public void close() {
        sender.close();
    }

    @Override
    public String toString() {
        return endpoint.toString();
    }
}
