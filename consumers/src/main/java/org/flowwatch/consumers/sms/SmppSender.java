package org.flowwatch.consumers.sms;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.flowwatch.consumers.webhook.AttemptResult;
import org.flowwatch.consumers.webhook.AttemptResult.Kind;
import org.jsmpp.InvalidResponseException;
import org.jsmpp.PDUException;
import org.jsmpp.bean.Alphabet;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GSMSpecificFeature;
import org.jsmpp.bean.GeneralDataCoding;
import org.jsmpp.bean.MessageMode;
import org.jsmpp.bean.MessageType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.SMPPSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one SMS endpoint's messages over its own bind to the operator's SMSC (jSMPP), binding on the first attempt
 * and again after the SMSC went away: an SMSC down is an attempt that gets no answer, retried like a webhook that
 * does not answer. A long
 * text goes as concatenated parts (a user data header with a reference, the count and the part's number). Delivery
 * receipts come back on a transceiver bind and go to {@link SmsReceipts} through {@link SmppReceiptListener}.
 */
final class SmppSender implements SmsSender {

    private static final Logger LOG = LoggerFactory.getLogger(SmppSender.class);
    /** Command statuses worth another attempt: throttled, queue full, system error, submit failed, temporary, bind state. */
    private static final List<Integer> TRANSIENT = List.of(0x58, 0x14, 0x08, 0x45, 0x64, 0x04);

    private final SmppSettings settings;
    private final SmppReceiptListener receipts;
    private SMPPSession session;
    private boolean failing;

    SmppSender(SmppSettings settings, SmppReceiptListener receipts) {
        this.settings = settings;
        this.receipts = receipts;
    }

    @Override
    public synchronized Sent send(String number, SmsMessage message) {
        try {
            SMPPSession bound = bound();
            List<String> ids = new ArrayList<>();
            int reference = ThreadLocalRandom.current().nextInt(256);
            for (int part = 0; part < message.parts().size(); part++) {
                ids.add(submit(bound, number, message, reference, part));
            }
            return new Sent(AttemptResult.delivered(), ids, Optional.empty());
        } catch (NegativeResponseException e) {
            int status = e.getCommandStatus();
            Kind kind = TRANSIENT.contains(status) ? Kind.RETRY : Kind.REJECTED;
            return Sent.failed(AttemptResult.answered(kind, status, String.format("SMSC answered command status 0x%02X", status),
                    "smpp_" + status));
        } catch (IOException | ResponseTimeoutException | PDUException | InvalidResponseException e) {
            unbind();
            if (!failing) {
                failing = true; // once per outage, not per attempt
                LOG.warn("SMSC {}:{} unreachable or not answering ({}); SMS are retried and parked until it is back",
                        settings.host().orElse(""), settings.port(), e.getClass().getSimpleName());
            }
            return Sent.failed(AttemptResult.noAnswer("SMSC " + settings.host().orElse("") + ":" + settings.port()
                    + " did not answer: " + e.getClass().getSimpleName()));
        }
    }

    private String submit(SMPPSession bound, String number, SmsMessage message, int reference, int part)
            throws PDUException, ResponseTimeoutException, InvalidResponseException, NegativeResponseException, IOException {
        boolean split = message.parts().size() > 1;
        byte[] text = message.encoding().encode(message.parts().get(part));
        byte[] body = split ? withHeader(reference, message.parts().size(), part + 1, text) : text;
        ESMClass esm = new ESMClass(MessageMode.DEFAULT, MessageType.DEFAULT, split ? GSMSpecificFeature.UDHI : GSMSpecificFeature.DEFAULT);
        Alphabet alphabet = message.encoding() == SmsEncoding.UCS2 ? Alphabet.ALPHA_UCS2 : Alphabet.ALPHA_DEFAULT;
        return bound.submitShortMessage("", sourceTon(), sourceNpi(), settings.sourceAddress(), TypeOfNumber.INTERNATIONAL,
                NumberingPlanIndicator.ISDN, number.substring(1), esm, (byte) 0, (byte) 1, null, null,
                new RegisteredDelivery(SMSCDeliveryReceipt.SUCCESS_FAILURE), (byte) 0, new GeneralDataCoding(alphabet), (byte) 0,
                body).getMessageId();
    }

    /** 3GPP TS 23.040 concatenation, 8-bit reference: length 5, IEI 0, IE length 3, reference, parts, this part. */
    static byte[] withHeader(int reference, int parts, int part, byte[] text) {
        return ByteBuffer.allocate(6 + text.length).put(new byte[] {5, 0, 3, (byte) reference, (byte) parts, (byte) part}).put(text).array();
    }

    private SMPPSession bound() throws IOException {
        if (session != null && session.getSessionState().isBound()) {
            return session;
        }
        unbind();
        SMPPSession fresh = new SMPPSession();
        fresh.setTransactionTimer(settings.timeout().toMillis());
        fresh.setMessageReceiverListener(receipts);
        BindType type = settings.bindType().equals("transmitter") ? BindType.BIND_TX : BindType.BIND_TRX;
        fresh.connectAndBind(settings.host().orElseThrow(), settings.port(), new BindParameter(type, settings.systemId(),
                settings.password(), settings.systemType(), TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null),
                settings.timeout().toMillis());
        LOG.info("bound to SMSC {}:{} as {} ({})", settings.host().orElseThrow(), settings.port(), settings.systemId(), settings.bindType());
        session = fresh;
        failing = false;
        return fresh;
    }

    private TypeOfNumber sourceTon() {
        String source = settings.sourceAddress();
        return source.matches("\\+?[0-9]+") ? (source.startsWith("+") ? TypeOfNumber.INTERNATIONAL : TypeOfNumber.UNKNOWN) : TypeOfNumber.ALPHANUMERIC;
    }

    private NumberingPlanIndicator sourceNpi() {
        return sourceTon() == TypeOfNumber.ALPHANUMERIC ? NumberingPlanIndicator.UNKNOWN : NumberingPlanIndicator.ISDN;
    }

    private void unbind() {
        if (session != null) {
            session.unbindAndClose();
            session = null;
        }
    }

    @Override
    public synchronized void close() {
        unbind();
    }
}
