package org.flowwatch.consumers.sms;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.flowwatch.consumers.webhook.AlertChannel;
import org.flowwatch.schemas.avro.SmsChannel;
import org.flowwatch.schemas.config.ConfigException;
import org.flowwatch.schemas.serde.FlowwatchSerdes;

/**
 * The SMS endpoints of a dispatcher as channels for it ({@code AlertDispatcher.start(.., sms.channels(), ..)}), and
 * the receipts writer they share. The dispatcher closes the channels (and their SMPP binds); close this after it.
 */
public final class SmsDispatch implements AutoCloseable {

    private final SmsReceipts receipts;
    private final List<AlertChannel> channels;

    private SmsDispatch(SmsReceipts receipts, List<AlertChannel> channels) {
        this.receipts = receipts;
        this.channels = channels;
    }

    /**
     * Refuses an {@code smpp} endpoint when {@code sms.smpp.host} is not set. Each SMPP endpoint opens its own bind
     * to that SMSC (an operator may limit binds: one SMPP endpoint with many recipients needs one).
     * {@code text} writes each recipient's message in the recipient's language (the dispatcher passes the alert sentences with the ACK code; {@link SmsText#SUMMARY} is the English summary alone).
     */
    public static SmsDispatch open(List<SmsEndpoint> endpoints, SmppSettings smpp, Duration requestTimeout, SmsText text,
                                   Map<String, Object> kafka, FlowwatchSerdes serdes) {
        if (endpoints.stream().anyMatch(endpoint -> endpoint.via() == SmsChannel.SMPP) && smpp.host().isEmpty()) {
            throw new ConfigException("an endpoint sends SMS via smpp but setting 'sms.smpp.host' is not set");
        }
        Clock clock = Clock.systemUTC();
        SmsReceipts receipts = new SmsReceipts(kafka, serdes, clock);
        List<AlertChannel> channels = endpoints.stream().<AlertChannel>map(endpoint -> new SmsEndpointChannel(endpoint,
                sender(endpoint, smpp, requestTimeout, receipts, clock), text, receipts, clock)).toList();
        return new SmsDispatch(receipts, channels);
    }

    public List<AlertChannel> channels() {
        return channels;
    }

    private static SmsSender sender(SmsEndpoint endpoint, SmppSettings smpp, Duration timeout, SmsReceipts receipts, Clock clock) {
        return switch (endpoint.via()) {
            case SMPP -> new SmppSender(smpp, new SmppReceiptListener(receipts));
            case TWILIO -> new HttpSmsSender(TwilioGateway.of(endpoint), timeout, clock);
            case RAPIDPRO -> new HttpSmsSender(RapidProGateway.of(endpoint), timeout, clock);
        };
    }

    @Override
    public void close() {
        receipts.close();
    }
}
