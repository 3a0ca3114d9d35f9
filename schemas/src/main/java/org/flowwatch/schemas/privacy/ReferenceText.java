package org.flowwatch.schemas.privacy;

import java.util.regex.Pattern;

/**
 * What a sender may type into a field that holds a reference (a site id, a convoy's reference): letters and digits
 * joined by {@code - _ . /}, at most 40, and never seven digits in a row. A person's name has a space, a phone or an
 * identity number has seven digits or more, an e-mail an '@': none of them is a reference, so none is ever published.
 * Shared by the edge (which refuses such text, naming the field) and the streams apps (which hold whatever the sender).
 */
public final class ReferenceText {

    /** The rule, for an error message. */
    public static final String RULE = "letters and digits joined by - _ . / (no spaces), at most 40, fewer than 7 digits in a row";

    private static final Pattern REFERENCE = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}_./-]{0,39}");
    private static final Pattern SEVEN_DIGITS = Pattern.compile("\\p{N}{7}");

    private ReferenceText() {
    }

    public static boolean isReference(String text) {
        return text != null && REFERENCE.matcher(text).matches() && !SEVEN_DIGITS.matcher(text).find();
    }
}
