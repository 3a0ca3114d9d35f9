package org.flowwatch.consumers.i18n;

import java.util.Locale;
import org.flowwatch.schemas.i18n.Messages;

/** The operations centre's words: {@code flowwatch/i18n/messages_{en,hy,ru}.properties} (dashboard, terminal, alert sentences). */
public final class Translations {

    public static final String BUNDLE = "flowwatch.i18n.messages";

    private Translations() {
    }

    public static Messages in(Locale locale) {
        return Messages.of(BUNDLE, locale);
    }
}
