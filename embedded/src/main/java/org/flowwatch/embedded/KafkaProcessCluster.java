package org.flowwatch.embedded;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real KRaft cluster in combined mode, each node (broker and controller voter) in a child JVM, for hard-fault
 * tests: any node, the active controller included, can be killed with SIGKILL mid-test and started again on the same
 * data directory and ports.
 *
 * <p>Unlike {@link EmbeddedKafkaCluster} (brokers in this JVM, one dedicated controller, stops are controlled
 * shutdowns), a node killed here leaves as a crashed server does: its partitions lose their leader until the quorum
 * fences it, and a killed active controller costs the quorum an election. Topics default to replication factor 3 and
 * min.insync.replicas 2, internal topics too.
 *
 * <pre>{@code
 * try (KafkaProcessCluster cluster = KafkaProcessCluster.start(dir, 3)) {
 *   int controller = cluster.activeController();
 *   cluster.kill(controller);                                      // SIGKILL
 *   int next = cluster.awaitActiveControllerOtherThan(controller); // the two others elect a leader
 *   cluster.restart(controller);                                   // same dir and ports; returns once it serves
 *   cluster.awaitInSync();                                         // every replica caught up again
 * }
 * }</pre>
 */
public final class KafkaProcessCluster implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaProcessCluster.class);
  /** Three JVMs starting at once on two busy cores take far longer than one broker in this JVM. */
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration POLL = Duration.ofMillis(100);

  private final Path root;
  private final CombinedNodeConfig config;
  // Read without the lock by the JVM-exit reaper, hence a concurrent map.
  private final Map<Integer, KafkaNodeProcess> running = new ConcurrentSkipListMap<>();
  private final ClusterProbe probe;
  private final Thread killOnJvmExit = new Thread(this::killAllNow, "kafka-process-cluster-reaper");
  private boolean closed;

  private KafkaProcessCluster(Path root, CombinedNodeConfig config) {
    this.root = root;
    this.config = config;
    this.probe = new ClusterProbe(config.bootstrapServers());
    // Without this an aborted test run would leave three brokers holding their ports until someone kills them.
    Runtime.getRuntime().addShutdownHook(killOnJvmExit);
  }

  /**
   * Formats {@code nodes} nodes (ids 1..n) under {@code dataDir} with one new cluster id, starts them on free ports
   * of 127.0.0.1 and returns once every broker serves.
   *
   * @throws IllegalStateException if {@code dataDir} already holds a node's storage (the voters were other ports)
   */
  public static KafkaProcessCluster start(Path dataDir, int nodes) {
    if (nodes < 1) {
      throw new IllegalArgumentException("a cluster needs at least one node, not " + nodes);
    }
    long startedAt = System.nanoTime();
    Path root = dataDir.toAbsolutePath();
    Map<Integer, CombinedNodeConfig.Ports> ports = new LinkedHashMap<>();
    for (int id = 1; id <= nodes; id++) {
      ports.put(id, new CombinedNodeConfig.Ports(LocalPorts.resolve("kafka node " + id, 0),
          LocalPorts.resolve("kafka node " + id + " controller", 0)));
    }
    KafkaProcessCluster cluster = new KafkaProcessCluster(root, new CombinedNodeConfig(ports));
    try {
      cluster.formatAll(Uuid.randomUuid().toString());
      synchronized (cluster) {
        ports.keySet().forEach(cluster::spawn);
      }
      cluster.await(nodes + " brokers serving", () -> cluster.probe.aliveBrokers().size() == nodes);
    } catch (RuntimeException failed) {
      cluster.close();
      throw failed;
    }
    LOG.info("kafka cluster of {} combined nodes (child JVMs) ready on {} in {} ms", nodes, cluster.bootstrapServers(),
        millisSince(startedAt));
    return cluster;
  }

  private void formatAll(String clusterId) {
    for (int id : nodeIds()) {
      Path data = dataDir(id);
      if (KraftStorage.isFormatted(data)) {
        throw new IllegalStateException(data + " already holds a kafka node's storage: start a cluster on a new directory");
      }
      KraftStorage.formatIfNeeded(data, config.node(id, data), clusterId, false);
    }
  }

  /** {@code 127.0.0.1:port} of every node's broker listener, killed ones included (clients skip those). */
  public String bootstrapServers() {
    return config.bootstrapServers();
  }

  public List<Integer> nodeIds() {
    return config.nodeIds();
  }

  public synchronized boolean isRunning(int nodeId) {
    KafkaNodeProcess node = running.get(requireNode(nodeId));
    return node != null && node.isAlive();
  }

  /** Where node {@code nodeId} writes its output (appended across restarts). */
  public Path log(int nodeId) {
    return nodeDir(requireNode(nodeId)).resolve("node.log");
  }

  /** SIGKILLs node {@code nodeId} and returns once its process is gone: no controlled shutdown, no resignation. */
  public synchronized void kill(int nodeId) {
    KafkaNodeProcess node = running.remove(requireNode(nodeId));
    if (node == null) {
      throw new IllegalStateException("kafka node " + nodeId + " is not running");
    }
    node.kill();
    LOG.info("kafka node {} killed (SIGKILL)", nodeId);
  }

  /** Starts a killed node again on its data directory and ports; returns once it serves clients again. */
  public void restart(int nodeId) {
    long startedAt = System.nanoTime();
    synchronized (this) {
      if (running.containsKey(requireNode(nodeId))) {
        throw new IllegalStateException("kafka node " + nodeId + " is already running");
      }
      KraftStorage.requireNotInUse(dataDir(nodeId));
      spawn(nodeId);
    }
    try (ClusterProbe itself = new ClusterProbe(config.bootstrapServer(nodeId))) {
      // It lists itself as alive once the quorum has unfenced it and it has caught up with the metadata.
      await("kafka node " + nodeId + " serving again", () -> itself.aliveBrokers().contains(nodeId));
    }
    LOG.info("kafka node {} serving again in {} ms", nodeId, millisSince(startedAt));
  }

  /** The node id of the active controller (the metadata quorum's leader), waiting while an election is on. */
  public int activeController() {
    return awaitActiveController(leader -> true, "an active controller");
  }

  /** Waits until a node other than {@code former} leads the metadata quorum (after {@code former} was killed). */
  public int awaitActiveControllerOtherThan(int former) {
    return awaitActiveController(leader -> leader != former, "an active controller other than node " + former);
  }

  private int awaitActiveController(IntPredicate wanted, String what) {
    OptionalInt[] leader = {OptionalInt.empty()};
    await(what, () -> {
      leader[0] = probe.activeController();
      return leader[0].isPresent() && wanted.test(leader[0].getAsInt());
    });
    return leader[0].getAsInt();
  }

  /** Waits until every partition, internal ones included, has all its replicas in sync again. */
  public void awaitInSync() {
    await("every replica in sync", () -> probe.partitionsOutOfSync() == 0);
  }

  /** Kills every node (SIGKILL, as a clean stop of the last nodes of a quorum would wait for the gone ones). */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      killAllNow(); // all at once, then wait for each
      running.values().forEach(KafkaNodeProcess::kill);
      running.clear();
    } finally {
      probe.close();
      removeReaper();
    }
  }

  // Callers hold this object's lock, so a node is never spawned twice.
  private void spawn(int nodeId) {
    Path nodeDir = nodeDir(nodeId);
    Properties props = config.node(nodeId, dataDir(nodeId));
    running.put(nodeId, KafkaNodeProcess.spawn(nodeId, props, nodeDir));
  }

  private void killAllNow() {
    List.copyOf(running.values()).forEach(KafkaNodeProcess::killNow);
  }

  private void removeReaper() {
    try {
      Runtime.getRuntime().removeShutdownHook(killOnJvmExit);
    } catch (IllegalStateException jvmAlreadyExiting) {
      // The hook is running or about to run; it only repeats what close() just did.
    }
  }

  /** Polls {@code check}; fails at once, naming the node's log, if a node this cluster started has died. */
  private void await(String what, Polling.Check<RuntimeException> check) {
    try {
      if (!Polling.until(READY_TIMEOUT, POLL, () -> requireAlive() && check.holds())) {
        throw new IllegalStateException("kafka: no " + what + " within " + READY_TIMEOUT + "; node logs under " + root);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for " + what, e);
    }
  }

  private synchronized boolean requireAlive() {
    for (KafkaNodeProcess node : running.values()) {
      if (!node.isAlive()) {
        throw new IllegalStateException("kafka node " + node.nodeId() + " died on its own; see " + node.log());
      }
    }
    return true;
  }

  private int requireNode(int nodeId) {
    if (!config.nodeIds().contains(nodeId)) {
      throw new IllegalArgumentException("no node " + nodeId + " in this cluster (nodes " + nodeIds() + ")");
    }
    return nodeId;
  }

  private Path nodeDir(int nodeId) {
    return root.resolve("node-" + nodeId);
  }

  private Path dataDir(int nodeId) {
    return nodeDir(nodeId).resolve("data");
  }

  private static long millisSince(long startedAtNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAtNanos);
  }
}
