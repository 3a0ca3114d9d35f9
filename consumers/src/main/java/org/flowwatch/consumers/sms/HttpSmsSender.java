package org.flowwatch.consumers.sms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.flowwatch.consumers.webhook.AttemptResult;
import org.flowwatch.consumers.webhook.Backoff;

/**
 * Sends each message in one request to an HTTP SMS gateway, which splits it into parts itself, and reads the
 * message's id and status from the answer. The gateway's own API ({@link Gateway}: Twilio's, RapidPro's) builds
 * the request. Answers are classified as webhook answers are (429 and 5xx retried, with Retry-After); an error
 * names the HTTP status, never the body (a gateway may echo the number there).
 */
final class HttpSmsSender implements SmsSender {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One gateway's API. */
    interface Gateway {

        HttpRequest.Builder request(String number, String text);

        /** The message's id in the gateway's answer. */
        Optional<String> messageId(JsonNode answer);

        /** The gateway's word for the message's state, e.g. {@code queued}. */
        Optional<String> status(JsonNode answer);
    }

    private final Gateway gateway;
    private final HttpClient client;
    private final Duration timeout;
    private final Clock clock;

    HttpSmsSender(Gateway gateway, Duration timeout, Clock clock) {
        this.gateway = gateway;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        this.timeout = timeout;
        this.clock = clock;
    }

    @Override
    public Sent send(String number, SmsMessage message) throws InterruptedException {
        try {
            HttpResponse<String> response = client.send(gateway.request(number, message.text()).timeout(timeout).build(),
                    HttpResponse.BodyHandlers.ofString());
            AttemptResult result = AttemptResult.ofStatus(response.statusCode(),
                    Backoff.retryAfter(response.headers().firstValue("Retry-After"), clock.instant()));
            if (result.kind() != AttemptResult.Kind.DELIVERED) {
                return Sent.failed(result);
            }
            JsonNode answer = answer(response.body());
            return new Sent(result, gateway.messageId(answer).map(List::of).orElse(List.of()), gateway.status(answer));
        } catch (HttpTimeoutException e) {
            return Sent.failed(AttemptResult.noAnswer("no answer within " + timeout.toMillis() + " ms"));
        } catch (IOException e) {
            return Sent.failed(AttemptResult.noAnswer(e.getClass().getSimpleName()));
        }
    }

    private static JsonNode answer(String body) {
        try {
            return JSON.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (IOException e) {
            return JSON.createObjectNode(); // accepted all the same: the status said so
        }
    }

    /** {@code path} under the base URL, keeping the base's own path. */
    static URI under(URI base, String path) {
        String text = base.toString();
        return URI.create((text.endsWith("/") ? text.substring(0, text.length() - 1) : text) + path);
    }

    static Optional<String> text(JsonNode answer, String field) {
        JsonNode value = answer.path(field);
        return value.isMissingNode() || value.isNull() ? Optional.empty() : Optional.of(value.asText());
    }
}
