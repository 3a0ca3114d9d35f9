package org.flowwatch.embedded;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real KRaft cluster of several brokers and one dedicated controller, all inside this JVM, for fault tests: a
 * broker can be stopped and started again mid-test on the same data directory and the same port.
 *
 * <p>Topics default to replication factor 3 and min.insync.replicas 2 (capped by the number of brokers). Like
 * {@link EmbeddedKafka} it runs Kafka's production server ({@link KafkaRaftServer}), not its test kit.
 *
 * <pre>{@code
 * try (EmbeddedKafkaCluster cluster = EmbeddedKafkaCluster.start(dir, 3)) {
 *   props.put("bootstrap.servers", cluster.bootstrapServers());
 *   cluster.stopBroker(2);   // ... later
 *   cluster.startBroker(2);
 * }
 * }</pre>
 */
public final class EmbeddedKafkaCluster implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaCluster.class);

  private final String host;
  private final KafkaRaftServer controller;
  private final Map<Integer, Broker> brokers;
  private final AtomicBoolean closed = new AtomicBoolean();

  private EmbeddedKafkaCluster(String host, KafkaRaftServer controller, Map<Integer, Broker> brokers) {
    this.host = host;
    this.controller = controller;
    this.brokers = brokers;
  }

  /** Starts {@code brokers} brokers (ids 1..n) on free ports of 127.0.0.1, with their data under {@code dataDir}. */
  public static EmbeddedKafkaCluster start(Path dataDir, int brokers) {
    return start(dataDir, brokers, LocalPorts.LOOPBACK);
  }

  /**
   * As {@link #start(Path, int)}, with the brokers listening on and advertising {@code host}, an address of this
   * machine (e.g. the host end of a veth pair, so that a process in another network namespace can reach them).
   */
  public static EmbeddedKafkaCluster start(Path dataDir, int brokers, String host) {
    if (brokers < 1) {
      throw new IllegalArgumentException("a cluster needs at least one broker, not " + brokers);
    }
    long startedAt = System.nanoTime();
    Path root = dataDir.toAbsolutePath();
    ClusterNodeConfig config = new ClusterNodeConfig(brokers, host, LocalPorts.resolve("kafka controller", 0));
    Path controllerDir = root.resolve("controller");
    String clusterId = KraftStorage.isFormatted(controllerDir) ? KraftStorage.clusterId(controllerDir) : Uuid.randomUuid().toString();
    KafkaRaftServer controller = startNode(config.controller(controllerDir), clusterId, true, "kafka controller");

    Map<Integer, Broker> started = new LinkedHashMap<>();
    EmbeddedKafkaCluster cluster = new EmbeddedKafkaCluster(host, controller, started);
    try {
      for (int id = 1; id <= brokers; id++) {
        int port = LocalPorts.resolve("kafka broker " + id, 0);
        Broker broker = new Broker(id, port, config.broker(id, root.resolve("broker-" + id), port), clusterId);
        started.put(id, broker);
        broker.start();
      }
      RaftNodes.awaitServing(cluster.bootstrapServers(), brokers);
    } catch (RuntimeException failed) {
      cluster.close();
      throw failed;
    }
    LOG.info("kafka cluster of {} brokers ready on {} in {} ms", brokers, cluster.bootstrapServers(),
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt));
    return cluster;
  }

  private static KafkaRaftServer startNode(Properties props, String clusterId, boolean standalone, String what) {
    Path dir = Path.of(props.getProperty("log.dirs"));
    KraftStorage.requireNotInUse(dir);
    KraftStorage.formatIfNeeded(dir, props, clusterId, standalone);
    return RaftNodes.start(props, what);
  }

  /** {@code host:port} of every broker, stopped ones included (clients skip those they cannot reach). */
  public String bootstrapServers() {
    return brokers.values().stream().map(broker -> host + ":" + broker.port).collect(Collectors.joining(","));
  }

  public List<Integer> brokerIds() {
    return new ArrayList<>(brokers.keySet());
  }

  public boolean isRunning(int brokerId) {
    return broker(brokerId).server != null;
  }

  /** Shuts broker {@code brokerId} down cleanly (controlled shutdown: its partitions get other leaders first). */
  public synchronized void stopBroker(int brokerId) {
    broker(brokerId).stop();
    LOG.info("kafka broker {} stopped", brokerId);
  }

  /** Starts a stopped broker again on its data directory and port; it catches up from the others. */
  public synchronized void startBroker(int brokerId) {
    broker(brokerId).start();
    RaftNodes.awaitServing(host + ":" + broker(brokerId).port, 1);
    LOG.info("kafka broker {} started again", brokerId);
  }

  private Broker broker(int brokerId) {
    Broker broker = brokers.get(brokerId);
    if (broker == null) {
      throw new IllegalArgumentException("no broker " + brokerId + " in this cluster (brokers " + brokers.keySet() + ")");
    }
    return broker;
  }

  /** Stops every broker, then the controller; the data directories stay. Safe to call more than once. */
  @Override
  public synchronized void close() {
    if (closed.compareAndSet(false, true)) {
      try {
        brokers.values().forEach(Broker::stop);
      } finally {
        RaftNodes.shutDown(controller);
      }
    }
  }

  /** One broker's fixed identity (id, port, properties) and, while it runs, its server. */
  private static final class Broker {

    private final int id;
    private final int port;
    private final Properties props;
    private final String clusterId;
    private KafkaRaftServer server;

    Broker(int id, int port, Properties props, String clusterId) {
      this.id = id;
      this.port = port;
      this.props = props;
      this.clusterId = clusterId;
    }

    void start() {
      if (server != null) {
        throw new IllegalStateException("kafka broker " + id + " is already running");
      }
      // The port was free when the cluster started; after a stop it is ours again (the server binds with SO_REUSEADDR).
      server = startNode(props, clusterId, false, "kafka broker " + id + " on port " + port);
    }

    void stop() {
      if (server != null) {
        RaftNodes.shutDown(server);
        server = null;
      }
    }
  }
}
