package org.flowwatch.embedded;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The server properties of a KRaft cluster in combined mode: every node is a broker and a controller
 * ({@code process.roles=broker,controller}), so a cluster of three brokers has a controller quorum of three voters and
 * survives losing any one node, the active controller included.
 *
 * <p>The voters are static ({@code controller.quorum.voters}): all of them are known before the first node starts and
 * never change, so every node is formatted the same way, with no {@code --standalone} or {@code --initial-controllers}
 * step that would need the other nodes' directory ids.
 *
 * <p>Topics default to replication factor 3 and min.insync.replicas 2 (fewer with fewer nodes), as in
 * {@link ClusterNodeConfig}.
 */
final class CombinedNodeConfig {

  private static final String CONTROLLER_LISTENER = "CONTROLLER";
  private static final String PROTOCOLS = "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT";

  /** The two ports a node keeps for its whole life, so a restarted node is found where it was. */
  record Ports(int broker, int controller) {}

  private final SortedMap<Integer, Ports> nodes;

  /** @param nodes node id to its ports; every node is a voter */
  CombinedNodeConfig(Map<Integer, Ports> nodes) {
    if (nodes.isEmpty()) {
      throw new IllegalArgumentException("a cluster needs at least one node");
    }
    this.nodes = new TreeMap<>(nodes);
  }

  Properties node(int nodeId, Path dataDir) {
    Ports ports = nodes.get(nodeId);
    if (ports == null) {
      throw new IllegalArgumentException("no node " + nodeId + " in this cluster (nodes " + nodes.keySet() + ")");
    }
    Properties props = new Properties();
    props.put("process.roles", "broker,controller");
    props.put("node.id", Integer.toString(nodeId));
    props.put("log.dirs", dataDir.toAbsolutePath().toString());
    props.put("controller.quorum.voters", voters());
    props.put("controller.listener.names", CONTROLLER_LISTENER);
    props.put("listeners", "PLAINTEXT://" + address(ports.broker()) + "," + CONTROLLER_LISTENER + "://" + address(ports.controller()));
    props.put("listener.security.protocol.map", PROTOCOLS);
    props.put("inter.broker.listener.name", "PLAINTEXT");
    int count = nodes.size();
    props.putAll(BrokerDefaults.replication(Math.min(3, count), Math.min(2, count)));
    props.putAll(BrokerDefaults.laptopFriendly());
    props.putAll(BrokerDefaults.fastFencing());
    return props;
  }

  List<Integer> nodeIds() {
    return List.copyOf(nodes.keySet());
  }

  /** {@code 1@127.0.0.1:port,2@...}: every node's controller listener. */
  String voters() {
    return nodes.entrySet().stream().map(node -> node.getKey() + "@" + address(node.getValue().controller()))
        .collect(Collectors.joining(","));
  }

  /** {@code 127.0.0.1:port} of every node's broker listener, in node id order. */
  String bootstrapServers() {
    return nodes.values().stream().map(ports -> address(ports.broker())).collect(Collectors.joining(","));
  }

  String bootstrapServer(int nodeId) {
    return address(nodes.get(nodeId).broker());
  }

  private static String address(int port) {
    return LocalPorts.LOOPBACK + ":" + port;
  }
}
