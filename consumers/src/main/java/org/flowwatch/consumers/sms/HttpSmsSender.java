package org.flowwatch.consumers.sms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.flowwatch.consumers.webhook.AttemptResult;
import org.flowwatch.consumers.webhook.HttpAttempts;

/**
 * Sends each message in one request to an HTTP SMS gateway, which splits it into parts itself, and reads the
 * message's id and {@code status} from the answer. The gateway's own API ({@link Gateway}: Twilio's, RapidPro's)
 * builds the request. Answers are classified as webhook answers are (429 and 5xx retried, with Retry-After); an
 * error names the HTTP status, never the body (a gateway may echo the number there).
 */
final class HttpSmsSender implements SmsSender {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One gateway's API. */
    interface Gateway {

        HttpRequest.Builder request(String number, String text);

        /** The field of the answer that holds the message's id. */
        String idField();
    }

    private final Gateway gateway;
    private final HttpAttempts http;

    HttpSmsSender(Gateway gateway, Duration timeout, Clock clock) {
        this.gateway = gateway;
        this.http = new HttpAttempts(timeout, clock);
    }

    @Override
    public Sent send(String number, SmsMessage message) throws InterruptedException {
        HttpAttempts.Outcome outcome = http.send(gateway.request(number, message.text()));
        if (outcome.result().kind() != AttemptResult.Kind.DELIVERED) {
            return Sent.failed(outcome.result());
        }
        JsonNode answer = answer(outcome.body());
        return new Sent(outcome.result(), text(answer, gateway.idField()).map(List::of).orElse(List.of()), text(answer, "status"));
    }

    /** {@code path} under the base URL, keeping the base's own path. */
    static URI under(URI base, String path) {
        String text = base.toString();
        return URI.create((text.endsWith("/") ? text.substring(0, text.length() - 1) : text) + path);
    }

    private static JsonNode answer(String body) {
        try {
            return JSON.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (IOException e) {
            return JSON.createObjectNode(); // accepted all the same: the status said so
        }
    }

    private static Optional<String> text(JsonNode answer, String field) {
        JsonNode value = answer.path(field);
        return value.isMissingNode() || value.isNull() ? Optional.empty() : Optional.of(value.asText());
    }
}
