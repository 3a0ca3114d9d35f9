package org.flowwatch.producers.odk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Reads pages of a form's submissions from ODK Central's OData API
 * ({@code /v1/projects/{p}/forms/{f}.svc/Submissions}, Basic auth, {@code $top}, {@code @odata.nextLink} with its
 * {@code $skiptoken}, {@code $filter=__system/submissionDate ge ... or __system/updatedAt ge ...}).
 */
final class OdkCentralClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final OdkPullSettings settings;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String authorization;

    OdkCentralClient(OdkPullSettings settings) {
        this.settings = settings;
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(
                (settings.user() + ":" + settings.password()).getBytes(StandardCharsets.UTF_8));
    }

    /** The first page of submissions submitted or updated (edited) at or after {@code since} (all of them without it). */
    URI firstPage(Optional<Instant> since) {
        StringBuilder query = new StringBuilder("$top=").append(settings.pageSize());
        since.ifPresent(date -> query.append("&$filter=").append(URLEncoder.encode("__system/submissionDate ge " + date
                + " or __system/updatedAt ge " + date, StandardCharsets.UTF_8).replace("+", "%20")));
        return URI.create(settings.url() + "/v1/projects/" + encode(settings.project()) + "/forms/" + encode(settings.form())
                + ".svc/Submissions?" + query);
    }

    /** One page: its submissions ({@code value}) and the next page's address, if any. */
    Page page(URI address) throws CentralUnavailableException, InterruptedException {
        HttpResponse<byte[]> response;
        try {
            response = http.send(HttpRequest.newBuilder(address).timeout(TIMEOUT).header("Authorization", authorization)
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new CentralUnavailableException("ODK Central at " + settings.url() + " cannot be reached: " + e);
        }
        int status = response.statusCode();
        if (status >= 500 || status == 429) {
            throw new CentralUnavailableException("ODK Central answered " + status);
        }
        if (status == 401 || status == 403) {
            throw new IllegalStateException("ODK Central refused the user of setting 'odk.user' (" + status
                    + "): check odk.user, odk.password and the user's role on project " + settings.project());
        }
        if (status != 200) {
            throw new IllegalStateException("ODK Central answered " + status + " for project " + settings.project() + " form "
                    + settings.form() + ": check odk.url, odk.project and odk.form");
        }
        try {
            JsonNode body = JSON.readTree(response.body());
            if (!body.path("value").isArray()) {
                throw new IllegalStateException("ODK Central's answer has no 'value' array: is odk.url the Central server?");
            }
            JsonNode next = body.path("@odata.nextLink");
            return new Page(body.get("value"), next.isTextual() ? Optional.of(address.resolve(next.asText())) : Optional.empty());
        } catch (IOException e) {
            throw new CentralUnavailableException("ODK Central's answer is not JSON (" + e.getMessage() + ")");
        }
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    record Page(JsonNode submissions, Optional<URI> next) {
    }

    /** Central cannot answer now (down, 5xx, refused connection): try again later. */
    static final class CentralUnavailableException extends Exception {
        CentralUnavailableException(String message) {
            super(message);
        }
    }
}
