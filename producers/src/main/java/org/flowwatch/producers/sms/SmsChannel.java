package org.flowwatch.producers.sms;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.flowwatch.producers.post.CrossingFields;
import org.flowwatch.producers.post.GroupSizeLimit;
import org.flowwatch.producers.publish.CrossingPublisher;
import org.flowwatch.producers.publish.DeadLetterPublisher;
import org.flowwatch.producers.publish.SendTimeouts;
import org.flowwatch.producers.publish.TopicPublisher;
import org.flowwatch.schemas.avro.AlertAck;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.schemas.topics.Topics;

/**
 * SMS into the gateway, put together from {@link SmsSettings}: the inbox with its publishers (crossings through the
 * gateway's own publisher, acks, dead letters) and alert board, the webhook if a secret is set and the SMSC bind if
 * a host is set. {@code kafka} is the plain client config (the alert board reads with it; sends fail within the ack
 * timeout). Closing it closes what it opened.
 */
public final class SmsChannel implements AutoCloseable {

    private final TopicPublisher<AlertAck> acks;
    private final DeadLetterPublisher deadLetters;
    private final AlertBoard alerts;
    private final SmsInbox inbox;
    private final Optional<SmsWebhook> webhook;
    private final Optional<SmppLink> smpp;

    private SmsChannel(SmsSettings settings, SmsSenders senders, Map<String, Object> kafka, FlowwatchSerdes serdes,
                       CrossingPublisher crossings, GroupSizeLimit limit, Duration ackTimeout, Clock clock) {
        Map<String, Object> sending = SendTimeouts.within(kafka, ackTimeout);
        this.acks = new TopicPublisher<>(Topics.ALERT_ACKS, sending, serdes);
        this.deadLetters = new DeadLetterPublisher(sending);
        this.alerts = new AlertBoard(kafka, serdes);
        this.inbox = new SmsInbox(senders, new CrossingFields(limit), crossings, acks, alerts, deadLetters, ackTimeout, clock);
        this.webhook = settings.webhookSecret().map(secret -> new SmsWebhook(secret, inbox, clock));
        this.smpp = settings.smpp().map(smppSettings -> SmppLink.start(smppSettings, inbox, clock));
    }

    /** Empty when SMS is off ({@code gateway.sms.senders.file} not set). */
    public static Optional<SmsChannel> start(SmsSettings settings, Map<String, Object> kafka, FlowwatchSerdes serdes,
                                             CrossingPublisher crossings, GroupSizeLimit limit, Duration ackTimeout, Clock clock) {
        return settings.sendersFile().map(file -> new SmsChannel(settings, SmsSenders.load(file), kafka, serdes, crossings,
                limit, ackTimeout, clock));
    }

    /** The same with an allow-list given in code (tests). */
    public static SmsChannel start(SmsSettings settings, SmsSenders senders, Map<String, Object> kafka, FlowwatchSerdes serdes,
                                   CrossingPublisher crossings, GroupSizeLimit limit, Duration ackTimeout, Clock clock) {
        return new SmsChannel(settings, senders, kafka, serdes, crossings, limit, ackTimeout, clock);
    }

    public Optional<SmsWebhook> webhook() {
        return webhook;
    }

    public Optional<SmppLink> smpp() {
        return smpp;
    }

    @Override
    public void close() {
        smpp.ifPresent(SmppLink::close);
        alerts.close();
        acks.close();
        deadLetters.close();
    }
}
