package org.flowwatch.embedded;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.utils.Time;

/** Starting, stopping and probing in-process KRaft servers, shared by the single node and the cluster. */
final class RaftNodes {

  static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration NODES_POLL = Duration.ofMillis(100);

  private RaftNodes() {}

  /** Starts a server on formatted storage; on failure it is shut down again and the error names {@code what}. */
  static KafkaRaftServer start(Properties props, String what) {
    KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
    try {
      server.startup();
      return server;
    } catch (RuntimeException startupFailed) {
      shutDown(server);
      throw new IllegalStateException(what + " did not start: " + startupFailed.getMessage(), startupFailed);
    }
  }

  static void shutDown(KafkaRaftServer server) {
    server.shutdown();
    server.awaitShutdown();
  }

  /**
   * startup() returns once a broker is unfenced; one real request proves the listeners answer clients, and waiting
   * for {@code brokers} nodes in the metadata proves a cluster is whole.
   */
  static void awaitServing(String bootstrapServers, int brokers) {
    Properties adminProps = new Properties();
    adminProps.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    adminProps.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) READY_TIMEOUT.toMillis());
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    try (Admin admin = Admin.create(adminProps)) {
      if (!Polling.until(READY_TIMEOUT, NODES_POLL, () -> nodes(admin, deadline) >= brokers)) {
        throw new TimeoutException(brokers + " brokers not all registered");
      }
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("kafka on " + bootstrapServers + " did not answer within " + READY_TIMEOUT, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for kafka on " + bootstrapServers, e);
    }
  }

  /** Brokers in the metadata; none yet if the answer did not come before the deadline (the wait then ends). */
  private static int nodes(Admin admin, long deadlineNanos) throws ExecutionException, InterruptedException {
    long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
    try {
      return admin.describeCluster().nodes().get(left, TimeUnit.MILLISECONDS).size();
    } catch (TimeoutException notYet) {
      return 0;
    }
  }
}
