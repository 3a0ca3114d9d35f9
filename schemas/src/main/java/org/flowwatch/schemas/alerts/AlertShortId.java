package org.flowwatch.schemas.alerts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The short id of an alert episode, for people who answer by SMS: the first six hex digits of the SHA-256 of its id,
 * upper case (e.g. {@code 7F2A0C}), typed on any phone. The dispatcher writes it into each alert SMS
 * ({@code ACK 7F2A0C}) and the gateway finds the alert an {@code ACK} names by it: one definition for both sides.
 */
public final class AlertShortId {

    private AlertShortId() {
    }

    public static String of(String alertId) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(alertId.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().withUpperCase().formatHex(hash, 0, 3);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
