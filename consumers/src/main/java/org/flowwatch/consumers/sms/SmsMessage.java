package org.flowwatch.consumers.sms;

import java.util.ArrayList;
import java.util.List;

/**
 * A text made ready to send as SMS: one part when it fits one SMS, else split into concatenated parts, at most
 * {@code maxParts}; a text longer than that is shortened and ends with an ellipsis. Parts never cut a GSM-7 escape
 * pair or a UTF-16 surrogate pair in two.
 */
public record SmsMessage(SmsEncoding encoding, List<String> parts, boolean shortened) {

    public SmsMessage {
        parts = List.copyOf(parts);
    }

    public static SmsMessage of(String text, int maxParts) {
        if (maxParts < 1) {
            throw new IllegalArgumentException("maxParts must be at least 1, got " + maxParts);
        }
        String clean = text.strip();
        SmsEncoding encoding = SmsEncoding.of(clean);
        if (encoding.length(clean) <= encoding.single()) {
            return new SmsMessage(encoding, List.of(clean), false);
        }
        List<String> parts = split(clean, encoding);
        if (parts.size() <= maxParts) {
            return new SmsMessage(encoding, parts, false);
        }
        int budget = maxParts == 1 ? encoding.single() : maxParts * encoding.perPart();
        while (true) {
            String shortened = shorten(clean, encoding, budget);
            List<String> shortenedParts = encoding.length(shortened) <= encoding.single() ? List.of(shortened) : split(shortened, encoding);
            if (shortenedParts.size() <= maxParts) {
                return new SmsMessage(encoding, shortenedParts, true);
            }
            budget--; // a pair that could not be cut left a part a unit short
        }
    }

    /** The whole text again, as the recipient's phone shows it. */
    public String text() {
        return String.join("", parts);
    }

    private static List<String> split(String text, SmsEncoding encoding) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        int used = 0;
        for (int i = 0; i < text.length(); ) {
            String unit = text.substring(i, text.offsetByCodePoints(i, 1));
            int size = encoding.length(unit);
            if (used + size > encoding.perPart()) {
                parts.add(part.toString());
                part.setLength(0);
                used = 0;
            }
            part.append(unit);
            used += size;
            i += unit.length();
        }
        parts.add(part.toString());
        return parts;
    }

    /** The longest start of the text that fits {@code budget} units with the ellipsis, cut after a whole character. */
    private static String shorten(String text, SmsEncoding encoding, int budget) {
        int room = budget - encoding.length(encoding.ellipsis());
        StringBuilder kept = new StringBuilder();
        int used = 0;
        for (int i = 0; i < text.length(); ) {
            String unit = text.substring(i, text.offsetByCodePoints(i, 1));
            used += encoding.length(unit);
            if (used > room) {
                break;
            }
            kept.append(unit);
            i += unit.length();
        }
        return kept.toString().stripTrailing() + encoding.ellipsis();
    }
}
