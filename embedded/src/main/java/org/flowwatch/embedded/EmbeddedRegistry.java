package org.flowwatch.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apicurio Registry in a child JVM, reached through its Confluent-compatible REST API.
 *
 * <p>A child process, not in-process: Apicurio is a Quarkus application with its own class path. Its storage is an
 * H2 database in {@code workDir/storage}, so a registry started again on the same directory (and port) is the same
 * registry, with the same schema ids: a registry outage can be tested, and a kept broker's records stay readable
 * (an in-memory registry came back empty and handed out the old ids to other schemas). Global compatibility is set to BACKWARD (Apicurio's
 * default is NONE) so tests and the demo see the same schema-evolution rules as production.
 */
public final class EmbeddedRegistry implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedRegistry.class);
  private static final String COMPONENT = "registry";
  private static final String LOG_FILE = "registry.log";
  private static final String STORAGE = "storage";
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

  private final Process process;
  private final int port;
  private final RegistryKind kind;
  private final Thread killOnJvmExit;
  private final AtomicBoolean closed = new AtomicBoolean();

  private EmbeddedRegistry(Process process, int port, RegistryKind kind) {
    this.process = process;
    this.port = port;
    this.kind = kind;
    // Without this an aborted test run or demo would leave a registry holding its port until someone kills it.
    this.killOnJvmExit = new Thread(process::destroyForcibly, "embedded-registry-reaper");
    Runtime.getRuntime().addShutdownHook(killOnJvmExit);
  }

  /** Starts the registry the build unpacked, on {@code 127.0.0.1:port} (0 = any free port). */
  public static EmbeddedRegistry start(Path workDir, int port) {
    return start(workDir, port, RegistryDistribution.fromBuild());
  }

  /** Starts the {@code kind} of registry the build unpacked. */
  public static EmbeddedRegistry start(Path workDir, int port, RegistryKind kind) {
    return start(workDir, port, RegistryDistribution.fromBuild(kind));
  }

  /**
   * Starts {@code distribution} on {@code 127.0.0.1:port}; its output goes to {@code workDir/registry.log}.
   *
   * @throws PortInUseException if {@code port} is taken; nothing has been spawned then
   */
  public static EmbeddedRegistry start(Path workDir, int port, RegistryDistribution distribution) {
    long startedAt = System.nanoTime();
    int registryPort = LocalPorts.resolve(COMPONENT, port);
    // 3.x serves /health on Quarkus' management interface, a port of its own (build-time on, so not avoidable).
    int healthPort = distribution.kind() == RegistryKind.APICURIO3 ? LocalPorts.resolve(COMPONENT, 0) : registryPort;
    Path log = workDir.toAbsolutePath().resolve(LOG_FILE);
    Path storage = workDir.toAbsolutePath().resolve(STORAGE);
    EmbeddedRegistry registry = new EmbeddedRegistry(spawn(distribution, registryPort, healthPort, log, storage),
        registryPort, distribution.kind());
    try {
      RegistryHttp http = new RegistryHttp(URI.create("http://" + LocalPorts.LOOPBACK + ":" + healthPort), log);
      http.awaitReady(registry.process, READY_TIMEOUT);
      http.setGlobalCompatibility(URI.create(registry.url()), "BACKWARD");
    } catch (RuntimeException notReady) {
      registry.close();
      throw notReady;
    }
    LOG.info("registry {} ready on {} in {} ms", distribution.kind().settingValue(), registry.url(),
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt));
    return registry;
  }

  private static Process spawn(RegistryDistribution distribution, int port, int healthPort, Path log, Path storage) {
    createDirectories(log.getParent());
    createDirectories(storage);
    ProcessBuilder builder = new ProcessBuilder(command(distribution, port, healthPort))
        .directory(distribution.home().toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    // Apicurio reads its datasource from this variable (its own %prod profile would win over a -D property);
    // 3.x renamed it (and its H2 schema differs: a 2.6 storage directory cannot be opened by 3.x).
    String datasource = distribution.kind() == RegistryKind.APICURIO3 ? "APICURIO_DATASOURCE_URL" : "REGISTRY_DATASOURCE_URL";
    builder.environment().put(datasource, "jdbc:h2:file:" + storage.resolve("registry"));
    try {
      return builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the registry from " + distribution.runnerJar(), e);
    }
  }

  private static List<String> command(RegistryDistribution distribution, int port, int healthPort) {
    List<String> command = new java.util.ArrayList<>(List.of(
        JavaLauncher.atLeast(distribution.kind().javaFeature()),
        "-Xmx128m",
        // C1 only: the registry serves a handful of requests, and skipping C2 cuts its start by about a third.
        "-XX:TieredStopAtLevel=1",
        "-Dquarkus.http.host=" + LocalPorts.LOOPBACK,
        "-Dquarkus.http.port=" + port,
        "-Dquarkus.banner.enabled=false",
        "-Dquarkus.log.level=WARN",
        "-Dquarkus.log.category.\"io.apicurio\".level=WARN"));
    if (distribution.kind() == RegistryKind.APICURIO3) {
      command.addAll(List.of("-Dquarkus.management.host=" + LocalPorts.LOOPBACK, "-Dquarkus.management.port=" + healthPort));
    }
    command.addAll(List.of("-jar", distribution.runnerJar().toString()));
    return command;
  }

  /** Which registry this is. */
  public RegistryKind kind() {
    return kind;
  }

  /** The Confluent-compatible API base, e.g. {@code http://127.0.0.1:8081/apis/ccompat/v7}. */
  public String url() {
    return root() + "/apis/ccompat/v7";
  }

  public int port() {
    return port;
  }

  private URI root() {
    return URI.create("http://" + LocalPorts.LOOPBACK + ":" + port);
  }

  /** Stops the child (gracefully, then forcibly after 10 s). Safe to call more than once. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    stopProcess();
    try {
      Runtime.getRuntime().removeShutdownHook(killOnJvmExit);
    } catch (IllegalStateException jvmAlreadyExiting) {
      // The hook is running or about to run; it only repeats what stopProcess() just did.
    }
  }

  private void stopProcess() {
    process.destroy();
    try {
      if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("registry did not stop within {}; killing it", STOP_TIMEOUT);
        process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static void createDirectories(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("could not create the registry work directory " + dir, e);
    }
  }
}
