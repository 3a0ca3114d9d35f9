package org.flowwatch.consumers.sms;

import org.flowwatch.schemas.avro.Alert;

/**
 * The words of an alert as an SMS, in the recipient's language (the endpoints file's {@code language}). The seam for
 * localized alert sentences: until they exist every recipient gets the alert's summary, in English.
 * {@link SmsMessage} then splits or shortens the text to fit.
 */
@FunctionalInterface
public interface SmsText {

    SmsText SUMMARY = (alert, language) -> alert.getSummary();

    String of(Alert alert, String language);
}
