package org.flowwatch.embedded;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * The server properties of a one-node KRaft cluster (broker and controller in one process) on loopback.
 *
 * <p>Every internal topic gets replication factor 1 and min ISR 1, or transactions, consumer groups and
 * exactly_once_v2 Kafka Streams would wait forever for replicas that do not exist.
 */
final class SingleNodeBrokerConfig {

  static final String NODE_ID = "1";
  private static final String CONTROLLER_LISTENER = "CONTROLLER";

  private SingleNodeBrokerConfig() {}

  /**
   * @param extraBrokerProps applied last, so callers may override anything (e.g. add a SASL_SSL listener; they
   *                         then own {@code listeners} and {@code listener.security.protocol.map} as a whole)
   */
  static Properties create(Path dataDir, int brokerPort, int controllerPort, Map<String, String> extraBrokerProps) {
    return create(dataDir, brokerPort, controllerPort, null, extraBrokerProps);
  }

  /** As above, with a SASL_SSL listener (and the authorizer) added when {@code saslSsl} is not null. */
  static Properties create(Path dataDir, int brokerPort, int controllerPort, SaslSslListener saslSsl,
      Map<String, String> extraBrokerProps) {
    Properties props = new Properties();
    Map<String, String> identity = identityAndListeners(brokerPort, controllerPort);
    props.putAll(identity);
    if (saslSsl != null) {
      props.putAll(saslSsl.brokerProps(identity.get("listeners"), CONTROLLER_LISTENER));
    }
    props.put("log.dirs", dataDir.toAbsolutePath().toString());
    props.putAll(BrokerDefaults.replication(1, 1));
    props.putAll(BrokerDefaults.laptopFriendly());
    props.putAll(extraBrokerProps);
    return props;
  }

  private static Map<String, String> identityAndListeners(int brokerPort, int controllerPort) {
    String controller = LocalPorts.LOOPBACK + ":" + controllerPort;
    return Map.of(
        "process.roles", "broker,controller",
        "node.id", NODE_ID,
        // Dynamic quorum (formatted with --standalone), so no static controller.quorum.voters.
        "controller.quorum.bootstrap.servers", controller,
        "controller.listener.names", CONTROLLER_LISTENER,
        "listeners", "PLAINTEXT://" + LocalPorts.LOOPBACK + ":" + brokerPort + "," + CONTROLLER_LISTENER + "://" + controller,
        "listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT",
        "inter.broker.listener.name", "PLAINTEXT");
  }
}
