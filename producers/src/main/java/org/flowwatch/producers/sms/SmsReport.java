package org.flowwatch.producers.sms;

/**
 * What a short text from a phone says: a crossing at a post ({@code FW KOR 12 F5 C4 V2 #17}) or the acknowledgement
 * of an alert ({@code ACK 7Q2K9D}). Pure: no settings, no clock. Forgiving where a basic phone or another language's
 * keyboard makes it easy to slip: any case, any spacing, commas or semicolons between parts, {@code F=5} or
 * {@code F 5} for {@code F5}, full-width and non-Latin decimal digits. Strict where a slip would change a count: every
 * part is known, given once, and a whole number.
 */
public sealed interface SmsReport permits SmsReport.Crossing, SmsReport.Ack {

    /** The form a post's officer is told to send, shown with every format error. */
    String FORM = "FW <post> <people> [F<women>] [C<children>] [V<vehicles>] #<number>, e.g. FW KOR 12 F5 C4 V2 #17";

    /**
     * A group crossing {@code post} (its id or the first three or more letters of it, as typed). Women and children
     * are null when not given; {@code sequence} is the officer's own number for this group, the same when resent.
     */
    record Crossing(String post, int people, Integer women, Integer children, Integer vehicles, long sequence)
            implements SmsReport {
    }

    /** {@code ACK <alert>}: the alert's id or its short id, as typed. */
    record Ack(String alert) implements SmsReport {
    }

    /** What {@code text} says, or a {@link SmsFormatException} saying in one line what is wrong with it. */
    static SmsReport parse(String text) {
        return SmsParser.parse(text);
    }
}
