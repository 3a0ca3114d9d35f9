package org.flowwatch.consumers.i18n;

import com.ibm.icu.text.MessageFormat;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeMap;

/**
 * The translations of one language, from {@code flowwatch/i18n/messages_<lang>.properties} (UTF-8, ICU MessageFormat
 * patterns with named arguments: plurals, numbers grouped the locale's way). No fallback between languages: every
 * key exists in every file ({@code MessagesTest} checks).
 */
public final class Messages {

    public static final String BUNDLE = "flowwatch.i18n.messages";
    private static final ResourceBundle.Control NO_FALLBACK = ResourceBundle.Control.getNoFallbackControl(
            ResourceBundle.Control.FORMAT_PROPERTIES);

    private final Locale locale;
    private final ResourceBundle bundle;

    private Messages(Locale locale, ResourceBundle bundle) {
        this.locale = locale;
        this.bundle = bundle;
    }

    /** The messages of {@code locale}'s language (one of {@link Languages#SUPPORTED}). */
    public static Messages of(Locale locale) {
        Locale language = Languages.parse(locale.getLanguage());
        return new Messages(language, ResourceBundle.getBundle(BUNDLE, language, NO_FALLBACK));
    }

    public Locale locale() {
        return locale;
    }

    /** The pattern under {@code key}, unformatted. */
    public String pattern(String key) {
        return bundle.getString(key);
    }

    public boolean has(String key) {
        return bundle.containsKey(key);
    }

    /** {@code key}'s pattern formatted with named {@code args} in this language. */
    public String format(String key, Map<String, ?> args) {
        return new MessageFormat(pattern(key), locale).format(args);
    }

    public String format(String key) {
        return format(key, Map.of());
    }

    public Set<String> keys() {
        return bundle.keySet();
    }

    /** Every pattern whose key starts with {@code prefix}, keyed without it (the dashboard's dictionary). */
    public Map<String, String> patterns(String prefix) {
        Map<String, String> patterns = new TreeMap<>();
        keys().stream().filter(key -> key.startsWith(prefix)).forEach(key -> patterns.put(key.substring(prefix.length()), pattern(key)));
        return patterns;
    }
}
