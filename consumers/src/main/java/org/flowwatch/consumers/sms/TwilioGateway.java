package org.flowwatch.consumers.sms;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Twilio's Messages API and the gateways that copy it: {@code POST <url>/2010-04-01/Accounts/<account>/Messages.json},
 * form fields {@code To}, {@code From} (or {@code MessagingServiceSid} for an {@code MG...} sender) and {@code Body},
 * basic auth with the account SID and auth token; the answer carries {@code sid} and {@code status}.
 */
record TwilioGateway(URI base, String account, String token, String from) implements HttpSmsSender.Gateway {

    static TwilioGateway of(SmsEndpoint endpoint) {
        return new TwilioGateway(endpoint.url().orElseThrow(), endpoint.account().orElseThrow(), endpoint.token().orElseThrow(),
                endpoint.from().orElseThrow());
    }

    @Override
    public HttpRequest.Builder request(String number, String text) {
        String sender = from.startsWith("MG") ? "MessagingServiceSid=" : "From=";
        String form = "To=" + encoded(number) + "&" + sender + encoded(from) + "&Body=" + encoded(text);
        String credentials = Base64.getEncoder().encodeToString((account + ":" + token).getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(HttpSmsSender.under(base, "/2010-04-01/Accounts/" + encoded(account) + "/Messages.json"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + credentials)
                .POST(HttpRequest.BodyPublishers.ofString(form));
    }

    @Override
    public String idField() {
        return "sid";
    }

    private static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "TwilioGateway[" + base.getHost() + "]"; // never the token
    }
}
