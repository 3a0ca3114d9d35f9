package org.flowwatch.hub;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.kafka.connect.mirror.IdentityReplicationPolicy;
import org.flowwatch.schemas.serde.RegistrySettings;

/**
 * The MirrorMaker 2 configuration of one hub's link: two clusters, two one-way flows (see {@link ReplicatedTopics}).
 *
 * <ul>
 *   <li>IdentityReplicationPolicy: topics keep their catalogue names, so the centre's apps read the hubs' crossings
 *       from the one {@code flowwatch.crossings.v1} where the centre's own posts write too, and nothing in the
 *       catalogue, ACLs or apps learns a second name. The price: MirrorMaker cannot detect a loop, hence each topic
 *       flows one way only. MirrorMaker's heartbeats keep their prefixed name ({@code <hub>.heartbeats}).</li>
 *   <li>At-least-once copying: a MirrorMaker restart or a cut link copies again what it had not yet committed
 *       ({@code hub.commit.every}). The centre's arrivals app drops every copy of an eventId it has seen
 *       (CrossingRevisions, 7-day horizon), as it does for a post's resends. Kafka's exactly-once source support
 *       for dedicated MirrorMaker needs its internal REST server (Jetty 12) on every node; the dedupe we already
 *       depend on makes it unnecessary.</li>
 *   <li>Checkpoints: a consumer group of a replicated topic (an export, a reader of the hub's crossings) can move to
 *       the other cluster at its translated offset ({@code RemoteClusterUtils.translateOffsets}); offsets are not
 *       written into live groups (same application ids at both ends).</li>
 *   <li>Retries without end: a cut link or a registry that cannot answer makes MirrorMaker wait, not fail.</li>
 * </ul>
 */
final class MirrorConfig {

    private MirrorConfig() {
    }

    static Map<String, String> of(HubSettings hub) {
        String h = hub.hubName();
        String c = hub.centreName();
        Map<String, String> mm = new LinkedHashMap<>();
        mm.put("clusters", h + ", " + c);
        cluster(mm, h, hub.hubKafka());
        cluster(mm, c, hub.centreKafka());
        mm.put("replication.policy.class", IdentityReplicationPolicy.class.getName());
        flow(mm, h, c, ReplicatedTopics.names(ReplicatedTopics.UP), hub.hubRegistry(), hub.centreRegistry());
        flow(mm, c, h, ReplicatedTopics.names(ReplicatedTopics.DOWN), hub.centreRegistry(), hub.hubRegistry());

        String rf = Short.toString(hub.replicationFactor());
        for (String key : List.of("replication.factor", "offset-syncs.topic.replication.factor", "heartbeats.topic.replication.factor",
                "checkpoints.topic.replication.factor", "offset.storage.replication.factor", "config.storage.replication.factor",
                "status.storage.replication.factor")) {
            mm.put(key, rf);
        }
        // The catalogue and `topics apply` own topic configs and ACLs at both ends.
        mm.put("sync.topic.configs.enabled", "false");
        mm.put("sync.topic.acls.enabled", "false");
        String sync = Long.toString(hub.syncEvery().toSeconds());
        mm.put("refresh.topics.interval.seconds", sync);
        mm.put("refresh.groups.interval.seconds", sync);
        mm.put("emit.checkpoints.interval.seconds", sync);
        // Checkpoints only, no offset sync into live groups: the apps have the same application id at the hub and at
        // the centre, and a hub's group offsets written into the centre's group would make the centre skip its own
        // posts' crossings. A consumer that moves translates its offsets from the checkpoints (RemoteClusterUtils).
        mm.put("sync.group.offsets.enabled", "false");
        mm.put("emit.heartbeats.interval.seconds", "1");
        mm.put("offset.lag.max", Integer.toString(HubSettings.OFFSET_SYNC_EVERY));
        mm.put("plugin.discovery", "service_load"); // MirrorMaker's own plugin scan, as for each worker below
        // Worker settings apply per target cluster.
        for (String target : List.of(h, c)) {
            // Plugins (MirrorMaker's connectors, converters, SchemaIdRewrite) are found by their service files rather
            // than by scanning the class path: seconds less per start on the product jar.
            mm.put(target + ".plugin.discovery", "service_load");
            mm.put(target + ".offset.flush.interval.ms", Long.toString(hub.commitEvery().toMillis()));
            mm.put(target + ".errors.retry.timeout", "-1");
            mm.put(target + ".errors.retry.delay.max.ms", "10000");
            // Bounds how long stopping a herder cut off from its cluster waits for its tasks (defaults 5 s and 3 s, on
            // top of Connect's fixed 15 s): the watchdog stops MirrorMaker as soon as the centre stops answering.
            mm.put(target + ".task.shutdown.graceful.timeout.ms", "1000");
            mm.put(target + ".worker.sync.timeout.ms", "1000");
            // A send to a cut-off cluster waits for the link instead of failing the task.
            mm.put(target + ".producer.delivery.timeout.ms", Integer.toString(Integer.MAX_VALUE));
            mm.put(target + ".producer.max.block.ms", Long.toString(Long.MAX_VALUE));
            mm.put(target + ".producer.enable.idempotence", "true");
            mm.put(target + ".producer.acks", "all");
            // Transactional producers' aborted records are not replicated.
            mm.put(target + ".consumer.isolation.level", "read_committed");
        }
        hub.mirrorOverrides().forEach((key, value) -> mm.put(key, String.valueOf(value)));
        return mm;
    }

    private static void cluster(Map<String, String> mm, String alias, Map<String, Object> kafka) {
        kafka.forEach((key, value) -> mm.put(alias + "." + key, String.valueOf(value)));
    }

    private static void flow(Map<String, String> mm, String source, String target, List<String> topics, RegistrySettings from,
                             RegistrySettings to) {
        String flow = source + "->" + target + ".";
        mm.put(flow + "enabled", "true");
        mm.put(flow + "topics", String.join(",", topics.stream().map(Pattern::quote).toList()));
        mm.put(flow + "transforms", "schemaIds");
        String smt = flow + "transforms.schemaIds.";
        mm.put(smt + "type", SchemaIdRewrite.class.getName());
        mm.put(smt + SchemaIdRewrite.TOPICS, String.join(",", topics));
        mm.put(smt + SchemaIdRewrite.SOURCE_REGISTRY_URL, from.url().toString());
        from.basicAuth().ifPresent(auth -> mm.put(smt + SchemaIdRewrite.SOURCE_REGISTRY_BASIC_AUTH, auth));
        mm.put(smt + SchemaIdRewrite.TARGET_REGISTRY_URL, to.url().toString());
        to.basicAuth().ifPresent(auth -> mm.put(smt + SchemaIdRewrite.TARGET_REGISTRY_BASIC_AUTH, auth));
        mm.put(smt + SchemaIdRewrite.REGISTRY_RETRY_FOR, Long.toString(from.retryFor().toMillis()));
    }
}
