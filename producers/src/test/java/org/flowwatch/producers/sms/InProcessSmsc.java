package org.flowwatch.producers.sms;

import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jsmpp.PDUStringException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.Alphabet;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GeneralDataCoding;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.BindRequest;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.SMPPServerSessionListener;
import org.jsmpp.session.ServerMessageReceiverListener;
import org.jsmpp.session.SubmitSmResult;
import org.jsmpp.util.MessageId;

/**
 * An operator's SMSC in the test's process (jSMPP's server side): accepts one bind with the right password at a
 * time, delivers texts from phones to the bound gateway (deliver_sm) and keeps what the gateway submits (submit_sm).
 */
final class InProcessSmsc implements AutoCloseable {

    /** A text the gateway sent to a phone. */
    record Sent(String to, String text) {
    }

    private final String password;
    private final int port;
    private final SMPPServerSessionListener listener;
    private final BlockingQueue<Sent> sent = new LinkedBlockingQueue<>();
    private final Thread acceptor;
    private volatile SMPPServerSession session;
    private volatile boolean closed;
    private final AtomicInteger messageIds = new AtomicInteger();

    InProcessSmsc(String password) throws IOException {
        this.password = password;
        try (ServerSocket probe = new ServerSocket(0)) {
            this.port = probe.getLocalPort();
        }
        this.listener = new SMPPServerSessionListener(port);
        listener.setMessageReceiverListener(receiver());
        this.acceptor = new Thread(this::acceptBinds, "in-process-smsc");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return port;
    }

    boolean bound() {
        SMPPServerSession current = session;
        return current != null && current.getSessionState().isBound();
    }

    /** A phone {@code from} (international, without '+') sends {@code text} to the gateway's short code. */
    void deliver(String from, String text) throws Exception {
        session.deliverShortMessage("", TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, from.replace("+", ""),
                TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, "1500", new ESMClass(), (byte) 0, (byte) 0,
                new RegisteredDelivery(), new GeneralDataCoding(Alphabet.ALPHA_DEFAULT), text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** The next text the gateway submitted, or null after {@code wait}. */
    Sent nextSent(Duration wait) throws InterruptedException {
        return sent.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Drops the bind from the SMSC's side, as an operator's maintenance would. */
    void dropBind() {
        SMPPServerSession current = session;
        if (current != null) {
            current.close();
        }
    }

    private void acceptBinds() {
        while (!closed) {
            try {
                SMPPServerSession accepted = listener.accept();
                BindRequest bind = accepted.waitForBind(5_000);
                if (password.equals(bind.getPassword())) {
                    bind.accept(bind.getSystemId());
                    session = accepted;
                } else {
                    bind.reject(SMPPConstant.STAT_ESME_RINVPASWD);
                }
            } catch (Exception e) {
                if (!closed) {
                    Thread.onSpinWait();
                }
            }
        }
    }

    /** Keeps a submit_sm; the only request a gateway sends besides binds and enquire_link. */
    private SubmitSmResult accept(SubmitSm submitSm) throws ProcessRequestException {
        sent.add(new Sent("+" + submitSm.getDestAddress(), new String(submitSm.getShortMessage(), StandardCharsets.US_ASCII)));
        try {
            return new SubmitSmResult(new MessageId(Integer.toHexString(messageIds.incrementAndGet())), new OptionalParameter[0]);
        } catch (PDUStringException e) {
            throw new ProcessRequestException("message id", SMPPConstant.STAT_ESME_RSYSERR);
        }
    }

    /** jSMPP's listener of requests from a bound ESME: submit_sm is kept, any other request refused as unsupported. */
    private ServerMessageReceiverListener receiver() {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().equals("onAcceptSubmitSm")) {
                return accept((SubmitSm) args[0]);
            }
            if (method.isDefault()) {
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            return switch (method.getName()) {
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                case "toString" -> "in-process SMSC";
                default -> throw new ProcessRequestException(method.getName() + " is not supported", SMPPConstant.STAT_ESME_RINVCMDID);
            };
        };
        return (ServerMessageReceiverListener) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{ServerMessageReceiverListener.class}, handler);
    }

    @Override
    public void close() throws IOException {
        closed = true;
        SMPPServerSession current = session;
        if (current != null) {
            current.unbindAndClose();
        }
        listener.close();
    }
}
