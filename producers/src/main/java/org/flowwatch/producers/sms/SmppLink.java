package org.flowwatch.producers.sms;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.Alphabet;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataCoding;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GeneralDataCoding;
import org.jsmpp.bean.MessageType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.extra.SessionState;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's bind to the operator's SMSC: as transceiver (one session in and out) or as receiver with a second
 * bind as transmitter for the replies. Every deliver_sm that is a text (not a delivery receipt) is answered at once
 * and handed to the {@link SmsInbox} on a worker; its reply goes back to the sender with submit_sm. A lost or
 * refused bind is tried again with a backoff doubling from one second up to the configured maximum.
 */
public final class SmppLink implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SmppLink.class);
    static final String CHANNEL = "sms-smpp";
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final int UCS2 = 0x08;

    private final SmsSettings.Smpp settings;
    private final SmsInbox inbox;
    private final Clock clock;
    private final ExecutorService workers = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "sms-smpp-worker");
        thread.setDaemon(true);
        return thread;
    });
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Thread binder;
    private volatile SMPPSession transmitter;
    private volatile boolean bound;

    private SmppLink(SmsSettings.Smpp settings, SmsInbox inbox, Clock clock) {
        this.settings = settings;
        this.inbox = inbox;
        this.clock = clock;
        this.binder = new Thread(this::keepBound, "sms-smpp-bind");
        binder.setDaemon(true);
    }

    /** Binds in the background (and again whenever the bind is lost) until closed. */
    public static SmppLink start(SmsSettings.Smpp settings, SmsInbox inbox, Clock clock) {
        SmppLink link = new SmppLink(settings, inbox, clock);
        link.binder.start();
        return link;
    }

    /** Whether the SMSC bind is up (for /ready and tests). */
    public boolean bound() {
        return bound;
    }

    private void keepBound() {
        Duration backoff = FIRST_BACKOFF;
        while (closing.getCount() > 0) {
            SMPPSession receiver = null;
            SMPPSession sender = null;
            try {
                CountDownLatch lost = new CountDownLatch(1);
                receiver = bind(settings.receiverOnly() ? BindType.BIND_RX : BindType.BIND_TRX, lost);
                receiver.setMessageReceiverListener(new Inbound());
                sender = settings.receiverOnly() ? bind(BindType.BIND_TX, lost) : receiver;
                transmitter = sender;
                bound = true;
                backoff = FIRST_BACKOFF;
                LOG.info("SMS: bound to SMSC {}:{} as {}", settings.host(), settings.port(), settings.receiverOnly() ? "receiver" : "transceiver");
                awaitEither(lost);
            } catch (IOException e) {
                // jSMPP's own messages may quote bind fields (the password): name the network error only
                LOG.warn("SMS: cannot bind to SMSC {}:{} ({}); trying again in {} s", settings.host(), settings.port(),
                        e instanceof java.net.SocketException ? e.getMessage() : e.getClass().getSimpleName(), backoff.toSeconds());
            } finally {
                bound = false;
                transmitter = null;
                unbind(sender);
                unbind(receiver);
            }
            if (pause(backoff)) {
                return;
            }
            backoff = backoff.multipliedBy(2).compareTo(settings.reconnectMaxBackoff()) > 0 ? settings.reconnectMaxBackoff()
                    : backoff.multipliedBy(2);
        }
    }

    private SMPPSession bind(BindType type, CountDownLatch lost) throws IOException {
        SMPPSession session = new SMPPSession();
        session.setEnquireLinkTimer((int) settings.enquireLink().toMillis());
        session.setTransactionTimer(10_000);
        session.addSessionStateListener((SessionState now, SessionState before, Session source) -> {
            if (now == SessionState.CLOSED || now == SessionState.UNBOUND) {
                lost.countDown();
            }
        });
        session.connectAndBind(settings.host(), settings.port(), new BindParameter(type, settings.systemId(), settings.password(),
                settings.systemType(), TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null));
        return session;
    }

    private void awaitEither(CountDownLatch lost) {
        try {
            while (closing.getCount() > 0 && !lost.await(500, TimeUnit.MILLISECONDS)) {
                // bound: the SMSC delivers on jSMPP's threads
            }
            if (closing.getCount() > 0) {
                LOG.warn("SMS: lost the bind to SMSC {}:{}; binding again", settings.host(), settings.port());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits {@code backoff}; true if the link is closing. */
    private boolean pause(Duration backoff) {
        try {
            return closing.await(backoff.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private void reply(String to, byte ton, byte npi, String text) {
        SMPPSession session = transmitter;
        if (session == null) {
            LOG.warn("SMS: reply not sent, no SMSC bind");
            return;
        }
        boolean plain = text.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
        byte[] body = text.getBytes(plain ? StandardCharsets.US_ASCII : StandardCharsets.UTF_16BE);
        DataCoding coding = plain ? new GeneralDataCoding(Alphabet.ALPHA_DEFAULT) : new GeneralDataCoding(Alphabet.ALPHA_UCS2);
        boolean fits = body.length <= 254;
        try {
            session.submitShortMessage("", sourceTon(), NumberingPlanIndicator.UNKNOWN, settings.sourceAddress(),
                    TypeOfNumber.valueOf(ton), NumberingPlanIndicator.valueOf(npi), to, new ESMClass(), (byte) 0, (byte) 1,
                    null, null, new RegisteredDelivery(), (byte) 0, coding, (byte) 0, fits ? body : new byte[0],
                    fits ? new OptionalParameter[0] : new OptionalParameter[]{
                            new OptionalParameter.OctetString(OptionalParameter.Tag.MESSAGE_PAYLOAD.code(), body)});
        } catch (Exception e) {
            LOG.warn("SMS: reply not accepted by the SMSC ({})", e.getClass().getSimpleName());
        }
    }

    private TypeOfNumber sourceTon() {
        String source = settings.sourceAddress();
        if (source.startsWith("+")) {
            return TypeOfNumber.INTERNATIONAL;
        }
        return source.chars().allMatch(Character::isDigit) ? TypeOfNumber.UNKNOWN : TypeOfNumber.ALPHANUMERIC;
    }

    private static String text(DeliverSm deliverSm) {
        byte[] body = deliverSm.getShortMessage();
        if (body == null || body.length == 0) {
            OptionalParameter payload = deliverSm.getOptionalParameter(OptionalParameter.Tag.MESSAGE_PAYLOAD);
            body = payload instanceof OptionalParameter.OctetString octets ? octets.getValue() : new byte[0];
        }
        return new String(body, (deliverSm.getDataCoding() & 0x0F) == UCS2 ? StandardCharsets.UTF_16BE : StandardCharsets.ISO_8859_1);
    }

    private static void unbind(SMPPSession session) {
        if (session != null && session.getSessionState() != SessionState.CLOSED) {
            session.unbindAndClose();
        }
    }

    @Override
    public void close() {
        closing.countDown();
        try {
            binder.join(15_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        workers.shutdown();
    }

    /** Texts from the SMSC; delivery receipts of our replies are acknowledged and dropped. */
    private final class Inbound implements MessageReceiverListener {

        @Override
        public void onAcceptDeliverSm(DeliverSm deliverSm) throws ProcessRequestException {
            if (MessageType.SMSC_DEL_RECEIPT.containedIn(deliverSm.getEsmClass())) {
                return;
            }
            String from = deliverSm.getSourceAddr();
            String text = text(deliverSm);
            byte ton = deliverSm.getSourceAddrTon();
            byte npi = deliverSm.getSourceAddrNpi();
            String number = ton == TypeOfNumber.INTERNATIONAL.value() && !from.startsWith("+") ? "+" + from : from;
            workers.execute(() -> reply(from, ton, npi, inbox.handle(CHANNEL, number, text, clock.instant())));
        }

        @Override
        public void onAcceptAlertNotification(AlertNotification alertNotification) {
            // the SMSC says a phone is reachable again: nothing to do
        }

        @Override
        public DataSmResult onAcceptDataSm(org.jsmpp.bean.DataSm dataSm, Session source) throws ProcessRequestException {
            throw new ProcessRequestException("data_sm is not supported; send texts as deliver_sm", 0x00000003);
        }
    }
}
