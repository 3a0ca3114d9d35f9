package org.flowwatch.embedded;

import java.util.Map;

/** Server properties every embedded node shares, whether it runs alone or in a cluster. */
final class BrokerDefaults {

  private BrokerDefaults() {}

  /**
   * Replication of new topics and of the internal ones. Transactions, consumer groups and exactly_once_v2 wait for
   * as many replicas as these name, so they must never exceed the number of brokers.
   */
  static Map<String, String> replication(int factor, int minInsync) {
    String rf = Integer.toString(factor);
    String isr = Integer.toString(minInsync);
    return Map.of(
        "offsets.topic.replication.factor", rf,
        // Fewer partitions than the default 50: the first group or transaction creates these topics, and
        // 50 log directories on a laptop are just slower to create with no benefit here.
        "offsets.topic.num.partitions", "4",
        "transaction.state.log.replication.factor", rf,
        "transaction.state.log.min.isr", isr,
        "transaction.state.log.num.partitions", "4",
        "share.coordinator.state.topic.replication.factor", rf,
        "share.coordinator.state.topic.min.isr", isr,
        "default.replication.factor", rf,
        "min.insync.replicas", isr);
  }

  /**
   * For a node of a cluster: a broker that stops heartbeating (stopped, or killed with no goodbye) is fenced and its
   * partitions led elsewhere within seconds, not the default 9 s.
   */
  static Map<String, String> fastFencing() {
    return Map.of(
        "broker.session.timeout.ms", "6000",
        "broker.heartbeat.interval.ms", "1000");
  }

  static Map<String, String> laptopFriendly() {
    return Map.of(
        // Topics come from the topic catalogue, never from a typo in a producer.
        "auto.create.topics.enable", "false",
        "num.partitions", "4",
        // A Streams app or consumer group joins at once instead of waiting 3 s for more members.
        "group.initial.rebalance.delay.ms", "0",
        // The cleaner would otherwise allocate 128 MiB of heap for compacted topics.
        "log.cleaner.dedupe.buffer.size", "2097152");
  }
}
