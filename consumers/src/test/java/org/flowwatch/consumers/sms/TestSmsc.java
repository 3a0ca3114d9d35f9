package org.flowwatch.consumers.sms;

import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.DeliveryReceipt;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GSMSpecificFeature;
import org.jsmpp.bean.MessageMode;
import org.jsmpp.bean.MessageType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.SMPPServerSessionListener;
import org.jsmpp.session.ServerMessageReceiverListener;
import org.jsmpp.session.SubmitSmResult;
import org.jsmpp.util.DeliveryReceiptState;
import org.jsmpp.util.MessageId;

/**
 * An in-process SMSC (jSMPP's server side) on 127.0.0.1: accepts any bind, takes every submit_sm, puts concatenated
 * parts back together, and sends a DELIVRD receipt for each part on the bind it came from. Stop it and start another
 * on the same port to play an SMSC down for a spell; the {@link Inbox} outlives both.
 */
final class TestSmsc implements AutoCloseable {

    private static final ProcessRequestException UNSUPPORTED = new ProcessRequestException("not supported here", 0x03);
    /** A number this SMSC refuses for good, as an operator refuses a number that does not exist. */
    static final String UNKNOWN_NUMBER = "+37400000000";
    static final int ESME_RINVDSTADR = 0x0B;
    private static final AtomicLong IDS = new AtomicLong(0x1000);

    private final SMPPServerSessionListener listener;
    private final Inbox inbox;
    private final List<SMPPServerSession> sessions = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(2);
    private volatile boolean closed;

    TestSmsc(int port, Inbox inbox) throws IOException {
        this.inbox = inbox;
        this.listener = new SMPPServerSessionListener(port);
        listener.setMessageReceiverListener(submitsOnly());
        executor.execute(this::accept);
    }

    private void accept() {
        while (!closed) {
            try {
                SMPPServerSession session = listener.accept();
                sessions.add(session);
                session.waitForBind(5_000).accept("test-smsc");
            } catch (Exception e) {
                if (!closed) {
                    System.err.println("test SMSC: bind failed: " + e);
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        listener.close();
        sessions.forEach(SMPPServerSession::close);
        executor.shutdownNow();
    }

    /** Whole messages as phones would show them, and every part received. */
    static final class Inbox {

        /** One message put back together; {@code destination} without the plus, as SMPP carries it. */
        record Message(String destination, byte dataCoding, String text) {
        }

        private final List<Message> messages = new CopyOnWriteArrayList<>();
        private final Map<String, String[]> partial = new LinkedHashMap<>();

        List<Message> messages() {
            return List.copyOf(messages);
        }

        synchronized void part(String destination, byte dataCoding, int reference, int count, int number, String text) {
            String key = destination + "/" + reference + "/" + count;
            String[] parts = partial.computeIfAbsent(key, k -> new String[count]);
            parts[number - 1] = text;
            if (Arrays.stream(parts).allMatch(java.util.Objects::nonNull)) {
                partial.remove(key);
                messages.add(new Message(destination, dataCoding, String.join("", parts)));
            }
        }
    }

    /** Takes submit_sm; refuses every other request, as an SMSC that supports none of them would. */
    private ServerMessageReceiverListener submitsOnly() {
        return (ServerMessageReceiverListener) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ServerMessageReceiverListener.class}, (proxy, method, args) -> {
                    if (method.getName().equals("onAcceptSubmitSm")) {
                        return submitted((SubmitSm) args[0], (SMPPServerSession) args[1]);
                    }
                    if (method.isDefault()) {
                        return InvocationHandler.invokeDefault(proxy, method, args);
                    }
                    if (method.getDeclaringClass() == Object.class) {
                        return method.getName().equals("equals") ? proxy == args[0] : method.getName().equals("hashCode") ? 0 : "test SMSC";
                    }
                    throw UNSUPPORTED;
                });
    }

    private SubmitSmResult submitted(SubmitSm submit, SMPPServerSession session) throws ProcessRequestException {
        if (submit.getDestAddress().equals(UNKNOWN_NUMBER.substring(1))) {
            throw new ProcessRequestException("invalid destination address", ESME_RINVDSTADR);
        }
        byte[] bytes = submit.getShortMessage();
        SmsEncoding encoding = submit.getDataCoding() == 0x08 ? SmsEncoding.UCS2 : SmsEncoding.GSM7;
        if (submit.isUdhi()) {
            int header = bytes[0] + 1;
            inbox.part(submit.getDestAddress(), submit.getDataCoding(), bytes[3] & 0xFF, bytes[4], bytes[5],
                    encoding.decode(Arrays.copyOfRange(bytes, header, bytes.length)));
        } else {
            inbox.part(submit.getDestAddress(), submit.getDataCoding(), -1, 1, 1, encoding.decode(bytes));
        }
        String id = Long.toHexString(IDS.incrementAndGet());
        executor.schedule(() -> receipt(session, submit, id), 50, TimeUnit.MILLISECONDS);
        try {
            return new SubmitSmResult(new MessageId(id), new OptionalParameter[0]);
        } catch (Exception e) {
            throw new ProcessRequestException("bad id", 0x08, e);
        }
    }

    private void receipt(SMPPServerSession session, SubmitSm submit, String id) {
        DeliveryReceipt receipt = new DeliveryReceipt(id, 1, 1, new Date(), new Date(), DeliveryReceiptState.DELIVRD, "000", "");
        try {
            session.deliverShortMessage("", TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, submit.getDestAddress(),
                    TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, submit.getSourceAddr(),
                    new ESMClass(MessageMode.DEFAULT, MessageType.SMSC_DEL_RECEIPT, GSMSpecificFeature.DEFAULT), (byte) 0, (byte) 0,
                    new RegisteredDelivery(0), DataCodings.ZERO, receipt.toString().getBytes(StandardCharsets.US_ASCII));
        } catch (Exception e) {
            if (!closed) {
                System.err.println("test SMSC: receipt not sent: " + e);
            }
        }
    }
}
