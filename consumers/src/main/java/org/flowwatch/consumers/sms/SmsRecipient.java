package org.flowwatch.consumers.sms;

import java.util.Objects;
import org.flowwatch.consumers.webhook.AlertFilter;

/**
 * A person or desk that receives alerts by SMS, as the endpoints file names them. {@code reference} is what every
 * topic, log line, metric and dead letter calls them ({@code <endpoint>/<name>}); the number appears nowhere else.
 *
 * @param number   E.164, with the plus
 * @param language the language the recipient reads ({@code en}, {@code hy}, {@code ru}): picks the text
 */
public record SmsRecipient(String reference, String number, AlertFilter filter, String language) {

    public SmsRecipient {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(number, "number");
    }

    @Override
    public String toString() {
        return "SmsRecipient[" + reference + " " + language + "]"; // never the number
    }
}
