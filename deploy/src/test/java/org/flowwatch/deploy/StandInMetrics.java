package org.flowwatch.deploy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A second scrape target beside the demo, serving the series of {@code stand-in-metrics.prom} that the demo's own
 * {@code /metrics} does not have (by metric name): dashboard panels on metrics the code exposes but the demo's
 * scenario cannot produce yet are still checked against a real Prometheus, and step aside once the demo makes them.
 */
final class StandInMetrics implements AutoCloseable {

    private final HttpServer server;
    private final HttpClient http = HttpClient.newHttpClient();
    private final URI demoMetrics;
    private final List<String> lines;

    private StandInMetrics(int demoOpsPort) throws IOException {
        try (InputStream file = Objects.requireNonNull(StandInMetrics.class.getResourceAsStream("/stand-in-metrics.prom"))) {
            lines = new String(file.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
        }
        demoMetrics = URI.create("http://127.0.0.1:" + demoOpsPort + "/metrics");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/metrics", exchange -> {
            byte[] body = body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    static StandInMetrics start(int demoOpsPort) throws IOException {
        return new StandInMetrics(demoOpsPort);
    }

    int port() {
        return server.getAddress().getPort();
    }

    private String body() {
        String demo = demoMetrics();
        return lines.stream().filter(line -> !demo.contains("\n" + name(line) + "{") && !demo.startsWith(name(line) + "{"))
                .map(line -> line + "\n").collect(Collectors.joining());
    }

    private String demoMetrics() {
        try {
            return http.send(HttpRequest.newBuilder(demoMetrics).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return ""; // the demo is not serving yet: stand in for everything
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted", e));
        }
    }

    private static String name(String line) {
        return line.substring(0, line.indexOf('{'));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
