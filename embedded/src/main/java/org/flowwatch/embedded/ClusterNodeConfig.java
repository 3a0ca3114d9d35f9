package org.flowwatch.embedded;

import java.nio.file.Path;
import java.util.Properties;

/**
 * The server properties of a KRaft cluster: one dedicated controller (a dynamic quorum of one, formatted standalone)
 * and brokers that only broker, so stopping any broker never costs the cluster its metadata quorum.
 *
 * <p>Topics default to replication factor 3 and min.insync.replicas 2 (fewer with fewer brokers): with one of three
 * brokers down, acks=all writes and transactions still succeed.
 *
 * @param host where brokers listen and what they advertise; the controller stays on loopback (only brokers talk to it)
 */
record ClusterNodeConfig(int brokers, String host, int controllerPort) {

  static final int CONTROLLER_ID = 100;
  private static final String CONTROLLER_LISTENER = "CONTROLLER";
  private static final String PROTOCOLS = "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT";

  Properties controller(Path dataDir) {
    Properties props = common(dataDir);
    props.put("process.roles", "controller");
    props.put("node.id", Integer.toString(CONTROLLER_ID));
    props.put("listeners", CONTROLLER_LISTENER + "://" + controllerAddress());
    return props;
  }

  Properties broker(int nodeId, Path dataDir, int port) {
    Properties props = common(dataDir);
    props.put("process.roles", "broker");
    props.put("node.id", Integer.toString(nodeId));
    props.put("listeners", "PLAINTEXT://" + host + ":" + port);
    props.put("inter.broker.listener.name", "PLAINTEXT");
    // Only the controller places new topics (Kafka warns, and 5.0 ignores these on a broker).
    props.remove("num.partitions");
    props.remove("default.replication.factor");
    return props;
  }

  // The controller decides the replication of new topics, brokers the ISR a write needs: both get the same values.
  private Properties common(Path dataDir) {
    Properties props = new Properties();
    props.put("log.dirs", dataDir.toAbsolutePath().toString());
    props.put("controller.quorum.bootstrap.servers", controllerAddress());
    props.put("controller.listener.names", CONTROLLER_LISTENER);
    props.put("listener.security.protocol.map", PROTOCOLS);
    props.putAll(BrokerDefaults.replication(Math.min(3, brokers), Math.min(2, brokers)));
    props.putAll(BrokerDefaults.laptopFriendly());
    props.putAll(BrokerDefaults.fastFencing());
    return props;
  }

  private String controllerAddress() {
    return LocalPorts.LOOPBACK + ":" + controllerPort;
  }
}
