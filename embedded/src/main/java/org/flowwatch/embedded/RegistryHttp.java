package org.flowwatch.embedded;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The two calls {@link EmbeddedRegistry} makes to its own child process: wait until ready, set compatibility.
 *
 * <p>Plain {@link HttpClient}, so this module needs no REST or JSON library.
 */
final class RegistryHttp {

  static final String CONFLUENT_CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).build();
  private final URI root;
  private final Path log;

  /**
   * @param root the server root, e.g. {@code http://127.0.0.1:8081}
   * @param log  where the child writes its output; every failure message points there
   */
  RegistryHttp(URI root, Path log) {
    this.root = root;
    this.log = log;
  }

  /** Polls {@code /health/ready} until it answers 200; fails early if the process has died. */
  void awaitReady(Process process, Duration timeout) {
    HttpRequest probe = HttpRequest.newBuilder(root.resolve("/health/ready")).timeout(REQUEST_TIMEOUT).GET().build();
    boolean ready;
    try {
      ready = Polling.until(timeout, POLL_INTERVAL, () -> {
        if (answersOk(probe)) {
          return true;
        }
        if (!process.isAlive()) {
          throw new IllegalStateException(
              "the registry exited with code " + process.exitValue() + " before it was ready; see " + log);
        }
        return false;
      });
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the registry", e);
    }
    if (!ready) {
      throw new IllegalStateException("the registry was not ready within " + timeout + "; see " + log);
    }
  }

  /** {@code PUT {ccompat}/config}: the global level every subject without its own level follows. */
  void setGlobalCompatibility(URI confluentBase, String level) {
    HttpRequest put = HttpRequest.newBuilder(URI.create(confluentBase + "/config"))
        .timeout(REQUEST_TIMEOUT)
        .header("Content-Type", CONFLUENT_CONTENT_TYPE)
        .PUT(HttpRequest.BodyPublishers.ofString("{\"compatibility\":\"" + level + "\"}"))
        .build();
    HttpResponse<String> response = send(put);
    if (response.statusCode() != 200) {
      throw new IllegalStateException("the registry refused compatibility " + level + " with HTTP "
          + response.statusCode() + ": " + response.body() + "; see " + log);
    }
  }

  // Connection refused is the normal answer while Quarkus is still starting.
  private boolean answersOk(HttpRequest probe) {
    try {
      return http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException notListeningYet) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the registry", e);
    }
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(request.method() + " " + request.uri() + " failed: " + e.getMessage()
          + "; see " + log, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while calling the registry", e);
    }
  }

}
