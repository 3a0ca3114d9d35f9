package org.flowwatch.schemas.i18n;

import java.util.List;
import java.util.Locale;

/** The languages flowwatch speaks: Armenian, Russian and English (the default). */
public final class Languages {

    public static final Locale ARMENIAN = Locale.forLanguageTag("hy");
    public static final Locale RUSSIAN = Locale.forLanguageTag("ru");
    public static final Locale ENGLISH = Locale.ENGLISH;
    public static final List<Locale> SUPPORTED = List.of(ENGLISH, ARMENIAN, RUSSIAN);

    private Languages() {
    }

    /** {@code hy}, {@code ru} or {@code en} (case and a region such as {@code ru-AM} ignored); anything else is an error. */
    public static Locale parse(String tag) {
        String language = tag == null || tag.isBlank() ? "en" : Locale.forLanguageTag(tag.strip().replace('_', '-')).getLanguage();
        return SUPPORTED.stream().filter(locale -> locale.getLanguage().equals(language)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown language '" + tag + "': hy, ru or en"));
    }
}
