package org.flowwatch.embedded;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A broker and a registry started together: what the demo and the integration tests of every module need.
 *
 * <p>Both start in parallel, so the stack is up in about the time of the slower one (the registry, ~3 s).
 */
public final class EmbeddedStack implements AutoCloseable {

  private final EmbeddedKafka kafka;
  private final EmbeddedRegistry registry;
  private final AtomicBoolean closed = new AtomicBoolean();

  private EmbeddedStack(EmbeddedKafka kafka, EmbeddedRegistry registry) {
    this.kafka = kafka;
    this.registry = registry;
  }

  /**
   * Starts a broker with its data in {@code dir/kafka} and a registry logging to {@code dir/registry/registry.log}.
   * Port 0 picks a free port. If either fails, the other is stopped before the failure is rethrown.
   */
  public static EmbeddedStack start(Path dir, int kafkaPort, int registryPort) {
    return start(dir, kafkaPort, registryPort, RegistryKind.APICURIO2);
  }

  /** The same with the {@code kind} of registry ({@code embedded.registry}). */
  public static EmbeddedStack start(Path dir, int kafkaPort, int registryPort, RegistryKind kind) {
    // The registry is the slower one: set it going first, then start the broker on this thread meanwhile.
    CompletableFuture<EmbeddedRegistry> registry =
        CompletableFuture.supplyAsync(() -> EmbeddedRegistry.start(dir.resolve("registry"), registryPort, kind), ownThread());
    EmbeddedKafka kafka;
    try {
      kafka = EmbeddedKafka.start(dir.resolve("kafka"), kafkaPort);
    } catch (RuntimeException kafkaFailed) {
      closeOnceStarted(registry, kafkaFailed);
      throw kafkaFailed;
    }
    try {
      return new EmbeddedStack(kafka, registry.join());
    } catch (CompletionException registryFailed) {
      kafka.close();
      throw unwrap(registryFailed);
    }
  }

  public EmbeddedKafka kafka() {
    return kafka;
  }

  public EmbeddedRegistry registry() {
    return registry;
  }

  public String bootstrapServers() {
    return kafka.bootstrapServers();
  }

  /** The registry's Confluent-compatible base URL, for {@code schema.registry.url}. */
  public String registryUrl() {
    return registry.url();
  }

  /** Stops the registry, then the broker. Safe to call more than once. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      try {
        registry.close();
      } finally {
        kafka.close();
      }
    }
  }

  // Waits for the registry rather than abandoning it, so no child process outlives a failed start.
  private static void closeOnceStarted(CompletableFuture<EmbeddedRegistry> registry, RuntimeException kafkaFailed) {
    try {
      registry.join().close();
    } catch (CompletionException registryFailedToo) {
      kafkaFailed.addSuppressed(unwrap(registryFailedToo));
    }
  }

  // A named thread instead of the common pool: the registry start blocks for seconds on HTTP polling.
  private static Executor ownThread() {
    return task -> {
      Thread thread = new Thread(task, "embedded-registry-start");
      thread.setDaemon(true);
      thread.start();
    };
  }

  private static RuntimeException unwrap(CompletionException failure) {
    return failure.getCause() instanceof RuntimeException cause ? cause : failure;
  }
}
