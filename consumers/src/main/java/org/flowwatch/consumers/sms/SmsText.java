package org.flowwatch.consumers.sms;

import java.time.ZoneId;
import java.util.Locale;
import org.flowwatch.consumers.i18n.AlertSentences;
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
     * ones the sites app's own summary, which also names units and daily needs.
     */
    static SmsText inLanguage(ZoneId zone) {
        return (alert, language) -> {
            Locale locale = Languages.parse(language);
            return locale.equals(Languages.ENGLISH) ? alert.getSummary() : AlertSentences.sentence(alert, locale, zone);
        };
    }

    String of(Alert alert, String language);
}
