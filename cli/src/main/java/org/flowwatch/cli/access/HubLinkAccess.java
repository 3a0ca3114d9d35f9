package org.flowwatch.cli.access;

import static org.flowwatch.cli.access.AccessRoles.allow;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.flowwatch.hub.ReplicatedTopics;
import org.flowwatch.schemas.config.ConfigException;
import org.flowwatch.schemas.config.Settings;
import org.flowwatch.schemas.topics.TopicSpec;

/**
 * What a regional hub's MirrorMaker 2 link (dedicated mode, as {@code flowwatch hub} configures it) does at the centre,
 * as ACLs for the principal its centre-side clients log in as. Literal names carrying the hub's name, so one hub cannot
 * touch another's link state:
 * <ul>
 *   <li>up (hub → centre, a herder whose cluster is the centre): its worker group {@code <hub>-mm2} and its
 *       {@code mm2-{offsets,configs,status}.<hub>.internal}; the source task writes the up topics (and describes them,
 *       else it would try to create them) and the hub's heartbeats as {@code <hub>.heartbeats}; the checkpoint task
 *       writes (and at start reads) {@code <hub>.checkpoints.internal}; the heartbeat task writes {@code heartbeats};</li>
 *   <li>down (centre → hub, the centre is the source): the source task lists and reads the down topics and
 *       {@code heartbeats} (and describes its configs, to create {@code <centre>.heartbeats} at the hub alike), and keeps its offset syncs at the source, {@code mm2-offset-syncs.<hub>.internal}, which
 *       the checkpoint task reads. The centre's groups are not granted: no checkpoints are emitted down.</li>
 * </ul>
 * {@code heartbeats} is shared by every hub of the centre (MirrorMaker's fixed name); it gets no ALTER or DELETE.
 */
final class HubLinkAccess {

    static final String SETTING = "acl.hub.principals";
    private static final Pattern HUB_NAME = Pattern.compile("[A-Za-z0-9_-]+");

    private HubLinkAccess() {
    }

    /** {@code acl.hub.principals}, e.g. {@code syunik=User:hub-syunik,tavush=User:hub-tavush}: hub name → principal. */
    static Map<String, String> principals(Settings settings) {
        Map<String, String> hubs = new LinkedHashMap<>();
        settings.optional(SETTING).stream().flatMap(value -> Arrays.stream(value.split(","))).map(String::strip)
                .filter(entry -> !entry.isEmpty()).forEach(entry -> {
                    int equals = entry.indexOf('=');
                    String hub = equals < 0 ? "" : entry.substring(0, equals).strip();
                    if (!HUB_NAME.matcher(hub).matches() || hubs.containsKey(hub)) {
                        throw new ConfigException("setting '" + SETTING + "' must name each hub once as <hub.name>=User:<name>"
                                + " (hub names of letters, digits, '_' and '-'), got '" + entry + "' (from " + settings.layer(SETTING) + ")");
                    }
                    hubs.put(hub, AccessRoles.checked(settings, SETTING, entry.substring(equals + 1).strip()));
                });
        return hubs;
    }

    static List<AclBinding> bindings(String hub, String principal) {
        List<AclBinding> bindings = new ArrayList<>();
        for (TopicSpec<?, ?> up : ReplicatedTopics.UP) {
            bindings.add(allow(principal, AccessRoles.topic(up), AclOperation.WRITE));
            bindings.add(allow(principal, AccessRoles.topic(up), AclOperation.DESCRIBE));
        }
        for (TopicSpec<?, ?> down : ReplicatedTopics.DOWN) {
            bindings.add(allow(principal, AccessRoles.topic(down), AclOperation.READ));
            bindings.add(allow(principal, AccessRoles.topic(down), AclOperation.DESCRIBE));
        }
        for (String own : List.of("mm2-offsets." + hub + ".internal", "mm2-configs." + hub + ".internal",
                "mm2-status." + hub + ".internal", hub + ".checkpoints.internal", hub + ".heartbeats",
                "mm2-offset-syncs." + hub + ".internal")) {
            bindings.add(allow(principal, literal(ResourceType.TOPIC, own), AclOperation.ALL));
        }
        for (AclOperation shared : List.of(AclOperation.CREATE, AclOperation.WRITE, AclOperation.READ, AclOperation.DESCRIBE,
                AclOperation.DESCRIBE_CONFIGS)) {
            bindings.add(allow(principal, literal(ResourceType.TOPIC, "heartbeats"), shared));
        }
        bindings.add(allow(principal, literal(ResourceType.GROUP, hub + "-mm2"), AclOperation.READ));
        return bindings;
    }

    private static ResourcePattern literal(ResourceType type, String name) {
        return new ResourcePattern(type, name, PatternType.LITERAL);
    }
}
