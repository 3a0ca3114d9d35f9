package org.flowwatch.embedded;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;

/**
 * Questions about a cluster whose nodes may be dead or electing, asked through one Admin client. Every answer comes
 * within {@link #CALL_TIMEOUT}; "no answer yet" is a value (empty, none, -1), not an exception, because the callers
 * poll until the cluster has healed.
 */
final class ClusterProbe implements AutoCloseable {

  static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);

  private final Admin admin;

  ClusterProbe(String bootstrapServers) {
    this.admin = Admin.create(Map.of(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) CALL_TIMEOUT.toMillis(),
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) CALL_TIMEOUT.toMillis(),
        // A killed node refuses connections: try it again soon, as it may be back on the same port.
        AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500));
  }

  /** The node id of the metadata quorum's leader (the active controller); empty while there is none or no answer. */
  OptionalInt activeController() throws InterruptedException {
    try {
      int leader = admin.describeMetadataQuorum().quorumInfo().get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).leaderId();
      return leader >= 0 ? OptionalInt.of(leader) : OptionalInt.empty();
    } catch (ExecutionException | TimeoutException noAnswer) {
      return OptionalInt.empty();
    }
  }

  /** The brokers the answering node knows as alive (registered and not fenced); none if no node answers. */
  Set<Integer> aliveBrokers() throws InterruptedException {
    try {
      return admin.describeCluster().nodes().get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).stream()
          .map(Node::id).collect(Collectors.toSet());
    } catch (ExecutionException | TimeoutException noAnswer) {
      return Set.of();
    }
  }

  /**
   * How many partitions, internal topics included, have fewer replicas in sync than assigned; -1 if no node answers.
   * 0 means a node that came back has caught up everywhere, so losing another one costs no partition its quorum.
   */
  int partitionsOutOfSync() throws InterruptedException {
    try {
      Set<String> topics = admin.listTopics(new ListTopicsOptions().listInternal(true)).names()
          .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames()
          .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      return (int) described.values().stream().flatMap(topic -> topic.partitions().stream())
          .filter(partition -> partition.isr().size() < partition.replicas().size()).count();
    } catch (ExecutionException | TimeoutException noAnswer) {
      return -1;
    }
  }

  @Override
  public void close() {
    admin.close(CALL_TIMEOUT);
  }
}
