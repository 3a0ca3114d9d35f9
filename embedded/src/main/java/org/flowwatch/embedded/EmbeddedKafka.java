package org.flowwatch.embedded;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
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
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
  private static final int SCRAM_ITERATIONS = 4096;
  private static final Duration USER_POLL = Duration.ofMillis(50);

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
    return start(dataDir, port, null, extraBrokerProps);
  }

  /**
   * As {@link #start(Path, int)}, plus {@code saslSsl}: a SCRAM-SHA-512 over TLS listener with ACLs enforced. Add its
   * users with {@link #createScramUser}; the PLAINTEXT listener on {@code port} stays open to the (super user) admin.
   */
  public static EmbeddedKafka startSecured(Path dataDir, int port, SaslSslListener saslSsl) {
    return start(dataDir, port, saslSsl, Map.of());
  }

  private static EmbeddedKafka start(Path dataDir, int port, SaslSslListener saslSsl, Map<String, String> extraBrokerProps) {
    long startedAt = System.nanoTime();
    int brokerPort = LocalPorts.resolve(COMPONENT, port);
    int controllerPort = LocalPorts.resolve(COMPONENT + " controller", 0);
    Path absoluteDataDir = dataDir.toAbsolutePath();
    KraftStorage.requireNotInUse(absoluteDataDir);
    Properties props = SingleNodeBrokerConfig.create(absoluteDataDir, brokerPort, controllerPort, saslSsl, extraBrokerProps);
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

  /**
   * Adds (or changes) a SCRAM-SHA-512 user for a SASL_SSL listener and returns once the broker knows it, so a
   * client may log in right away.
   */
  public void createScramUser(String user, String password) {
    onAdmin("add SCRAM user " + user, admin -> {
      admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user,
          new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, SCRAM_ITERATIONS), password))).all()
          .get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      // The controller has the credential; the broker learns it from the metadata log a moment later.
      if (!Polling.until(READY_TIMEOUT, USER_POLL, () -> knows(admin, user))) {
        throw new TimeoutException("the broker did not learn SCRAM user " + user);
      }
      return null;
    });
  }

  private static boolean knows(Admin admin, String user) throws InterruptedException {
    try {
      return !admin.describeUserScramCredentials(List.of(user)).description(user)
          .get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).credentialInfos().isEmpty();
    } catch (ExecutionException | TimeoutException notYet) {
      return false;
    }
  }

  private <T> T onAdmin(String what, AdminCall<T> call) {
    Properties adminProps = new Properties();
    adminProps.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    adminProps.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) READY_TIMEOUT.toMillis());
    try (Admin admin = Admin.create(adminProps)) {
      return call.on(admin);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("kafka on " + bootstrapServers() + " did not " + what + " within " + READY_TIMEOUT, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for kafka on " + bootstrapServers() + " to " + what, e);
    }
  }

  @FunctionalInterface
  private interface AdminCall<T> {
    T on(Admin admin) throws ExecutionException, TimeoutException, InterruptedException;
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
