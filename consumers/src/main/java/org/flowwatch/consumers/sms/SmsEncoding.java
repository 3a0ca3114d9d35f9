package org.flowwatch.consumers.sms;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The two alphabets an SMS is sent in. GSM-7 (3GPP TS 23.038 default alphabet and its extension table, one septet a
 * character, two for {@code {}[]~|^\€} and form feed) holds English and most Latin text: 160 characters in one SMS,
 * 153 a part when concatenated. Anything else (Armenian, Russian) goes as UCS-2: 70 UTF-16 units, 67 a part.
 */
public enum SmsEncoding {

    GSM7(160, 153, "..."),
    UCS2(70, 67, "\u2026");

    /** The default alphabet in code order; 0x1B is the escape to the extension table. */
    static final String BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String EXTENSION_CHARS = "\f^{}\\[~]|€";
    private static final byte[] EXTENSION_CODES = {0x0A, 0x14, 0x28, 0x29, 0x2F, 0x3C, 0x3D, 0x3E, 0x40, 0x65};
    private static final byte ESCAPE = 0x1B;

    private final int single;
    private final int perPart;
    private final String ellipsis;

    SmsEncoding(int single, int perPart, String ellipsis) {
        this.single = single;
        this.perPart = perPart;
        this.ellipsis = ellipsis;
    }

    /** GSM-7 when every character is in its alphabet, else UCS-2. */
    public static SmsEncoding of(String text) {
        return text.chars().allMatch(c -> c != ESCAPE && (BASIC.indexOf(c) >= 0 || EXTENSION_CHARS.indexOf(c) >= 0)) ? GSM7 : UCS2;
    }

    /** Units one SMS holds alone. */
    public int single() {
        return single;
    }

    /** Units one part of a concatenated SMS holds (the rest is the concatenation header). */
    public int perPart() {
        return perPart;
    }

    /** What marks a shortened text: "..." keeps GSM-7 text GSM-7; UCS-2 text has room for "…". */
    public String ellipsis() {
        return ellipsis;
    }

    /** Units a piece of text takes: septets in GSM-7, UTF-16 units in UCS-2. */
    public int length(String text) {
        if (this == UCS2) {
            return text.length();
        }
        int septets = 0;
        for (int i = 0; i < text.length(); i++) {
            septets += EXTENSION_CHARS.indexOf(text.charAt(i)) >= 0 ? 2 : 1;
        }
        return septets;
    }

    /** The text's bytes for SMPP: one unpacked septet a byte (the SMSC packs them), or UTF-16BE. */
    public byte[] encode(String text) {
        if (this == UCS2) {
            return text.getBytes(StandardCharsets.UTF_16BE);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int extension = EXTENSION_CHARS.indexOf(c);
            if (extension >= 0) {
                bytes.write(ESCAPE);
                bytes.write(EXTENSION_CODES[extension]);
            } else {
                bytes.write(BASIC.indexOf(c));
            }
        }
        return bytes.toByteArray();
    }

    /** The reverse of {@link #encode}, for receivers and tests. */
    public String decode(byte[] bytes) {
        if (this == UCS2) {
            return new String(bytes, StandardCharsets.UTF_16BE);
        }
        StringBuilder text = new StringBuilder(bytes.length);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == ESCAPE && i + 1 < bytes.length) {
                byte code = bytes[++i];
                for (int e = 0; e < EXTENSION_CODES.length; e++) {
                    if (EXTENSION_CODES[e] == code) {
                        text.append(EXTENSION_CHARS.charAt(e));
                    }
                }
            } else {
                text.append(BASIC.charAt(bytes[i] & 0x7F));
            }
        }
        return text.toString();
    }
}
