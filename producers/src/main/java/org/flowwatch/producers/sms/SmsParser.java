package org.flowwatch.producers.sms;

import java.text.Normalizer;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the short texts of {@link SmsReport}; see its forms there and in docs/modules/producers.md. */
final class SmsParser {

    /** Largest sequence number accepted: eight digits, more than a post sends in a lifetime. */
    static final long MAX_SEQUENCE = 99_999_999L;

    private static final Pattern ACK = Pattern.compile("(?:FW\\s+)?ACK\\s*[:#]?\\s*(\\S+)\\s*", Pattern.CASE_INSENSITIVE);
    private static final Pattern TAGGED = Pattern.compile("(?<!\\p{L})([FCVP#])\\s*[=:]?\\s*(\\d+)\\b");
    private static final Pattern POST = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}_-]*");
    private static final Pattern DIGITS = Pattern.compile("\\d{1,9}");

    static SmsReport parse(String text) {
        String plain = plain(text == null ? "" : text);
        if (plain.isEmpty()) {
            throw new SmsFormatException("the text is empty");
        }
        Matcher ack = ACK.matcher(plain);
        if (ack.matches()) {
            return new SmsReport.Ack(ack.group(1));
        }
        return crossing(plain);
    }

    private static SmsReport.Crossing crossing(String plain) {
        String[] parts = TAGGED.matcher(plain.toUpperCase(Locale.ROOT).replaceAll("[,;]", " ")).replaceAll("$1$2")
                .trim().split("\\s+");
        int at = parts[0].equals("FW") ? 1 : 0;
        if (at >= parts.length) {
            throw new SmsFormatException("the post is missing");
        }
        String post = parts[at++];
        if (!POST.matcher(post).matches() || DIGITS.matcher(post).matches()) {
            throw new SmsFormatException("'" + post + "' is not a post: start with the post's code, e.g. KOR");
        }
        if (at >= parts.length) {
            throw new SmsFormatException("the number of people is missing after the post");
        }
        String[] counts = String.join(" ", java.util.Arrays.copyOfRange(parts, at, parts.length))
                .split("\\s+|(?<=\\d)(?=[FCV#])");
        int people = number(counts[0].startsWith("P") ? counts[0].substring(1) : counts[0], "people");
        Map<Character, Long> tagged = new LinkedHashMap<>();
        for (int i = 1; i < counts.length; i++) {
            tag(counts[i], tagged);
        }
        if (!tagged.containsKey('#')) {
            throw new SmsFormatException("the number of the report is missing: end with #<number>, the same number when you send it again");
        }
        Integer women = count(tagged, 'F');
        Integer children = count(tagged, 'C');
        checkWithin(people, women, children);
        return new SmsReport.Crossing(post, people, women, children, count(tagged, 'V'), tagged.get('#'));
    }

    private static void tag(String part, Map<Character, Long> tagged) {
        char tag = part.charAt(0);
        if ("FCV#".indexOf(tag) < 0 || part.length() == 1) {
            throw new SmsFormatException("'" + part + "' is not understood: use F<women> C<children> V<vehicles> #<number>");
        }
        long value = tag == '#' ? sequence(part.substring(1)) : number(part.substring(1), name(tag));
        if (tagged.putIfAbsent(tag, value) != null) {
            throw new SmsFormatException(name(tag) + " is given twice");
        }
    }

    private static int number(String digits, String what) {
        if (!DIGITS.matcher(digits).matches()) {
            throw new SmsFormatException("'" + digits + "' is not a whole number of " + what);
        }
        return Integer.parseInt(digits);
    }

    private static long sequence(String digits) {
        if (!digits.matches("\\d{1,8}")) {
            throw new SmsFormatException("'#" + digits + "' is not a report number: use #1 to #" + MAX_SEQUENCE);
        }
        return Long.parseLong(digits);
    }

    private static Integer count(Map<Character, Long> tagged, char tag) {
        Long value = tagged.get(tag);
        return value == null ? null : value.intValue();
    }

    private static void checkWithin(int people, Integer women, Integer children) {
        int w = women == null ? 0 : women;
        int c = children == null ? 0 : children;
        if (w + c > people) {
            throw new SmsFormatException((women == null ? "" : "women " + w) + (women != null && children != null ? " + " : "")
                    + (children == null ? "" : "children " + c) + " is more than the " + people + " people");
        }
    }

    private static String name(char tag) {
        return switch (tag) {
            case 'F' -> "women";
            case 'C' -> "children";
            case 'V' -> "vehicles";
            default -> "the report number";
        };
    }

    /** Full-width and compatibility forms folded (NFKC), every decimal digit as ASCII, spaces collapsed. */
    private static String plain(String text) {
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKC);
        StringBuilder plain = new StringBuilder(folded.length());
        folded.codePoints().forEach(cp -> {
            if (Character.isDigit(cp)) {
                plain.append((char) ('0' + Character.digit(cp, 10)));
            } else if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                plain.append(' ');
            } else {
                plain.appendCodePoint(cp);
            }
        });
        return plain.toString().trim().replaceAll(" +", " ");
    }

    private SmsParser() {
    }
}
