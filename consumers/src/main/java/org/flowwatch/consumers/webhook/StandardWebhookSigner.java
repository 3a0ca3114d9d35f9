package org.flowwatch.consumers.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a request the Standard Webhooks way (standardwebhooks.com): {@code webhook-signature} is {@code v1,} and the
 * base64 HMAC-SHA256 of {@code id.timestamp.body} under the secret's base64-decoded bytes. Written with the JDK's
 * Mac: the spec's Java library is not on Maven Central, and the algorithm is these few lines.
 */
public final class StandardWebhookSigner {

    static final String PREFIX = "whsec_";

    private final byte[] key;

    public StandardWebhookSigner(String secret) {
        if (!secret.startsWith(PREFIX)) {
            throw new IllegalArgumentException("a webhook secret starts with " + PREFIX + " followed by base64");
        }
        try {
            this.key = Base64.getDecoder().decode(secret.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the webhook secret after " + PREFIX + " is not base64");
        }
        if (key.length < 24) {
            throw new IllegalArgumentException("the webhook secret must hold at least 24 random bytes");
        }
    }

    /** The three headers for one attempt; {@code id} is the same on every attempt of one message. */
    public Map<String, String> headers(String id, Instant timestamp, String body) {
        String seconds = String.valueOf(timestamp.getEpochSecond());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("webhook-id", id);
        headers.put("webhook-timestamp", seconds);
        headers.put("webhook-signature", "v1," + sign(id + "." + seconds + "." + body));
        return headers;
    }

    private String sign(String content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }
}
