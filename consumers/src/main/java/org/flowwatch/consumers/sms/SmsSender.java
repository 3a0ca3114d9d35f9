package org.flowwatch.consumers.sms;

import java.util.List;
import java.util.Optional;
import org.flowwatch.consumers.webhook.AttemptResult;

/** One way SMS leave flowwatch: an SMPP bind or an HTTP gateway. */
interface SmsSender extends AutoCloseable {

    /** One attempt to send every part of the message to the number; never throws for a failed send. */
    Sent send(String number, SmsMessage message) throws InterruptedException;

    @Override
    default void close() {
        // HTTP gateways hold nothing open
    }

    /**
     * What the attempt came to and, when accepted, the SMSC's or gateway's ids of the parts and its status word. An
     * error never holds the number.
     */
    record Sent(AttemptResult result, List<String> messageIds, Optional<String> detail) {

        static Sent failed(AttemptResult result) {
            return new Sent(result, List.of(), Optional.empty());
        }
    }
}
