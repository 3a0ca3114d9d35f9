package org.flowwatch.consumers.sms;

import java.time.ZoneId;
import java.util.Locale;
import org.flowwatch.consumers.i18n.AlertSentences;
import org.flowwatch.schemas.alerts.AlertShortId;
import org.flowwatch.schemas.avro.Alert;
import org.flowwatch.schemas.i18n.Languages;

/**
 * The words of an alert as an SMS, in the recipient's language (the endpoints file's {@code language}).
 * {@link SmsMessage} then splits or shortens the text to fit.
 */
@FunctionalInterface
public interface SmsText {

    SmsText SUMMARY = (alert, language) -> alert.getSummary();

    /**
     * Armenian and Russian recipients get the alert's sentence in their language ({@link AlertSentences}); English
     * ones the sites app's own summary, which also names units and daily needs. Each starts with the code a recipient
     * answers to acknowledge it ({@code ACK 7F2A0C}, see {@link AlertShortId}): first, so shortening never cuts it.
     */
    static SmsText inLanguage(ZoneId zone) {
        return (alert, language) -> {
            Locale locale = Languages.parse(language);
            String sentence = locale.equals(Languages.ENGLISH) ? alert.getSummary() : AlertSentences.sentence(alert, locale, zone);
            return "ACK " + AlertShortId.of(alert.getAlertId()) + " · " + sentence;
        };
    }

    String of(Alert alert, String language);
}
