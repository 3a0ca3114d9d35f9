package org.flowwatch.embedded;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The few Confluent REST calls the registry tests make, over plain HTTP so no serde library is involved. */
final class RegistryTestClient {

  private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");

  private final HttpClient http = HttpClient.newHttpClient();
  private final String url;

  RegistryTestClient(String confluentBaseUrl) {
    this.url = confluentBaseUrl;
  }

  /** {@code POST /subjects/{subject}/versions}; the response tells success (200 + id) from rejection (409). */
  HttpResponse<String> register(String subject, String schema) throws IOException, InterruptedException {
    String body = "{\"schema\":\"" + schema.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
    return send(HttpRequest.newBuilder(URI.create(url + "/subjects/" + subject + "/versions"))
        .header("Content-Type", RegistryHttp.CONFLUENT_CONTENT_TYPE)
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build());
  }

  /** {@code GET /schemas/ids/{id}}. */
  HttpResponse<String> schemaById(long id) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(URI.create(url + "/schemas/ids/" + id)).GET().build());
  }

  static long idOf(HttpResponse<String> registration) {
    Matcher matcher = ID.matcher(registration.body());
    if (!matcher.find()) {
      throw new AssertionError("no schema id in registry answer " + registration.body());
    }
    return Long.parseLong(matcher.group(1));
  }

  private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
