package org.flowwatch.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.flowwatch.embedded.SelfSignedTls;
import org.flowwatch.schemas.serde.RegistryTls;

/**
 * What a secured registry looks like to its clients: TLS with a certificate of a private authority, basic auth, and
 * optionally a client certificate asked for (mutual TLS), in front of the embedded Apicurio (a TLS-terminating proxy
 * as an operator puts before a registry; Apicurio's own authentication needs an OIDC server we do not run here).
 * Built on the JDK's HTTPS server: a test needs nothing more.
 */
final class RegistryGate implements AutoCloseable {

    private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "host", "transfer-encoding", "upgrade");

    private final HttpsServer server;
    private final HttpClient upstream = HttpClient.newHttpClient();
    private final URI registryRoot;
    private final String expectedAuthorization;
    private final AtomicInteger refused = new AtomicInteger();

    private RegistryGate(HttpsServer server, URI registryRoot, String credentials) {
        this.server = server;
        this.registryRoot = registryRoot;
        this.expectedAuthorization = "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A gate on a free port of 127.0.0.1 to the registry at {@code registryUrl}, showing {@code tls}'s certificate,
     * letting in requests with {@code credentials} ("user:password"); with {@code clientCertificates}, only clients
     * showing a certificate its trust store holds.
     */
    static RegistryGate start(String registryUrl, SelfSignedTls tls, String credentials, boolean clientCertificates) {
        try {
            HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            SSLContext context = new RegistryTls(Optional.of(tls.trustStore()), tls.password(), Optional.of(tls.keyStore()),
                    tls.password()).context();
            server.setHttpsConfigurator(new HttpsConfigurator(context) {
                @Override
                public void configure(HttpsParameters params) {
                    SSLParameters parameters = context.getDefaultSSLParameters();
                    parameters.setNeedClientAuth(clientCertificates);
                    params.setSSLParameters(parameters);
                }
            });
            URI url = URI.create(registryUrl);
            RegistryGate gate = new RegistryGate(server, URI.create(url.getScheme() + "://" + url.getAuthority()), credentials);
            server.createContext("/", gate::pass);
            server.start();
            return gate;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the registry gate", e);
        }
    }

    /** The registry's URL through the gate: https, the same path. */
    String url(String registryUrl) {
        return "https://127.0.0.1:" + server.getAddress().getPort() + URI.create(registryUrl).getPath();
    }

    /** Requests refused for want of the right credentials. */
    int refused() {
        return refused.get();
    }

    private void pass(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!expectedAuthorization.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                refused.incrementAndGet();
                byte[] body = "{\"error_code\":401,\"message\":\"Unauthorized\"}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"registry\"");
                exchange.sendResponseHeaders(401, body.length);
                exchange.getResponseBody().write(body);
                return;
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(registryRoot.resolve(exchange.getRequestURI().toString()))
                    .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(exchange.getRequestBody().readAllBytes()));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase(java.util.Locale.ROOT)) && !name.equalsIgnoreCase("Authorization")) {
                    values.forEach(value -> request.header(name, value));
                }
            });
            HttpResponse<byte[]> answer = upstream.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            answer.headers().map().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase(java.util.Locale.ROOT)) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            exchange.sendResponseHeaders(answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
            exchange.getResponseBody().write(answer.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
