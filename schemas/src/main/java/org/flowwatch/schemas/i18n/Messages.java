package org.flowwatch.schemas.i18n;

import com.ibm.icu.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeMap;

/**
 * The translations of one language from a bundle of {@code <bundle>_<lang>.properties} files (UTF-8, ICU
 * MessageFormat patterns with named arguments: plurals, numbers grouped the locale's way). No fallback between
 * languages: every key exists in every file ({@link #problems} says where not).
 */
public final class Messages {

    private static final ResourceBundle.Control NO_FALLBACK = ResourceBundle.Control.getNoFallbackControl(
            ResourceBundle.Control.FORMAT_PROPERTIES);

    private final Locale locale;
    private final ResourceBundle bundle;

    private Messages(Locale locale, ResourceBundle bundle) {
        this.locale = locale;
        this.bundle = bundle;
    }

    /** {@code bundle}'s messages (e.g. {@code flowwatch.i18n.messages}) in {@code locale}'s language, one of {@link Languages#SUPPORTED}. */
    public static Messages of(String bundle, Locale locale) {
        Locale language = Languages.parse(locale.getLanguage());
        return new Messages(language, ResourceBundle.getBundle(bundle, language, NO_FALLBACK));
    }

    /** What a translator must fix: keys missing from a language (compared with English) or extra, patterns ICU cannot read. */
    public static List<String> problems(String bundle) {
        List<String> problems = new ArrayList<>();
        Set<String> english = of(bundle, Languages.ENGLISH).keys();
        for (Locale locale : Languages.SUPPORTED) {
            Messages messages = of(bundle, locale);
            english.stream().filter(key -> !messages.has(key)).sorted().forEach(key -> problems.add(locale + ": missing " + key));
            messages.keys().stream().filter(key -> !english.contains(key)).sorted().forEach(key -> problems.add(locale + ": not in en: " + key));
            messages.keys().stream().sorted().forEach(key -> {
                try {
                    new MessageFormat(messages.pattern(key), locale);
                } catch (IllegalArgumentException e) {
                    problems.add(locale + ": " + key + " does not parse: " + e.getMessage());
                }
            });
        }
        return problems;
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
