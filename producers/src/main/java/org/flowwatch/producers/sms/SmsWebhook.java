package org.flowwatch.producers.sms;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;

/**
 * Texts an SMS gateway receives for us and POSTs as a form: {@code POST /v1/sms/twilio} (Twilio's {@code From} and
 * {@code Body}, answered with TwiML so Twilio sends the reply) and {@code POST /v1/sms/inbound} (a RapidPro/TextIt
 * external channel's {@code from} and {@code text}, answered with the reply as plain text). The sender's number is
 * the credential, so the caller must first prove it is our SMS gateway: the webhook secret as Basic password (a URL
 * such as {@code https://sms:<secret>@gateway/v1/sms/twilio}) or bearer token, compared in constant time.
 */
public final class SmsWebhook {

    static final String TWILIO = "sms-twilio";
    static final String INBOUND = "sms-inbound";

    private final byte[] secret;
    private final SmsInbox inbox;
    private final Clock clock;

    public SmsWebhook(String secret, SmsInbox inbox, Clock clock) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.inbox = inbox;
        this.clock = clock;
    }

    /** Adds the two routes to {@code app}. */
    public void addRoutes(Javalin app) {
        app.post("/v1/sms/twilio", ctx -> {
            if (authorized(ctx)) {
                String reply = inbox.handle(TWILIO, ctx.formParam("From"), ctx.formParam("Body"), clock.instant());
                ctx.contentType("text/xml").result("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Message>"
                        + xml(reply) + "</Message></Response>");
            }
        });
        app.post("/v1/sms/inbound", ctx -> {
            if (authorized(ctx)) {
                ctx.contentType("text/plain; charset=utf-8").result(inbox.handle(INBOUND, ctx.formParam("from"),
                        ctx.formParam("text"), clock.instant()));
            }
        });
    }

    private boolean authorized(Context ctx) {
        String header = ctx.header("Authorization");
        String offered = null;
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            offered = header.substring(7).trim();
        } else if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            offered = basicPassword(header.substring(6).trim());
        }
        if (offered != null && MessageDigest.isEqual(secret, offered.getBytes(StandardCharsets.UTF_8))) {
            return true;
        }
        ctx.header("WWW-Authenticate", "Basic realm=\"flowwatch-sms\"").status(HttpStatus.UNAUTHORIZED)
                .result("the SMS webhook secret is required");
        return false;
    }

    private static String basicPassword(String encoded) {
        try {
            String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : decoded.substring(colon + 1);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
