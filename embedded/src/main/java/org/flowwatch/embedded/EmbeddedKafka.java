package org.flowwatch.embedded;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import kafka.server.KafkaRaftServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node KRaft Kafka (broker and controller in one process) running inside this JVM.
 *
 * <p>Built on the production server API ({@link KafkaRaftServer}), not on Kafka's test kit, so the demo and the
 * tests run the same broker code as a real deployment. The data directory survives {@link #close()}: starting
 * again on it brings back the same cluster and its records.
 */
public final class EmbeddedKafka implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
  private static final String COMPONENT = "kafka";

  private final KafkaRaftServer server;
  private final Path dataDir;
  private final int port;
  private final AtomicBoolean closed = new AtomicBoolean();

  private EmbeddedKafka(KafkaRaftServer server, Path dataDir, int port) {
    this.server = server;
    this.dataDir = dataDir;
    this.port = port;
  }

  /** Starts a broker on {@code 127.0.0.1:port} (0 = any free port) with its data in {@code dataDir}. */
  public static EmbeddedKafka start(Path dataDir, int port) {
    return start(dataDir, port, Map.of());
  }

  /**
   * As {@link #start(Path, int)}, with {@code extraBrokerProps} laid over the single-node defaults, e.g. to add a
   * SASL_SSL listener. {@link #bootstrapServers()} keeps naming the PLAINTEXT listener on {@code port}.
   *
   * @throws PortInUseException if {@code port} is taken; nothing has been formatted or started then
   * @throws IllegalStateException if another running broker uses {@code dataDir}, or the broker fails to start
   */
  public static EmbeddedKafka start(Path dataDir, int port, Map<String, String> extraBrokerProps) {
    long startedAt = System.nanoTime();
    int brokerPort = LocalPorts.resolve(COMPONENT, port);
    int controllerPort = LocalPorts.resolve(COMPONENT + " controller", 0);
    Path absoluteDataDir = dataDir.toAbsolutePath();
    KraftStorage.requireNotInUse(absoluteDataDir);
    Properties props = SingleNodeBrokerConfig.create(absoluteDataDir, brokerPort, controllerPort, extraBrokerProps);
    KraftStorage.formatIfNeeded(absoluteDataDir, props);

    EmbeddedKafka kafka = new EmbeddedKafka(RaftNodes.start(props, "kafka on port " + brokerPort), absoluteDataDir, brokerPort);
    try {
      RaftNodes.awaitServing(kafka.bootstrapServers(), 1);
    } catch (RuntimeException notServing) {
      kafka.close();
      throw notServing;
    }
    LOG.info("kafka ready on {} in {} ms", kafka.bootstrapServers(), elapsedMillis(startedAt));
    return kafka;
  }

  /** {@code 127.0.0.1:port} of the PLAINTEXT listener. */
  public String bootstrapServers() {
    return LocalPorts.LOOPBACK + ":" + port;
  }

  public int port() {
    return port;
  }

  public Path dataDir() {
    return dataDir;
  }

  /** Shuts the broker down cleanly and waits for it; the data directory stays. Safe to call more than once. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      RaftNodes.shutDown(server);
    }
  }

  private static long elapsedMillis(long startedAtNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAtNanos);
  }
}
