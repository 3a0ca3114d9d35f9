package org.flowwatch.cli.access;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.flowwatch.consumers.dashboard.OpsCentre;
import org.flowwatch.schemas.config.ConfigException;
import org.flowwatch.schemas.config.Settings;
import org.flowwatch.schemas.topics.TopicSpec;
import org.flowwatch.schemas.topics.Topics;
import org.flowwatch.streams.runtime.AppTopics;

/**
 * The ACLs each flowwatch role needs, least privilege, for the principals named in {@code acl.*}:
 * <ul>
 *   <li>a post ({@code acl.post.principals}) may only write (and describe) crossings and heartbeats;</li>
 *   <li>a streams app ({@code acl.streams.principal}, {@code acl.sites.principal}) reads its inputs and writes its
 *       outputs, as its own topology says ({@link AppTopics}), and owns the topics, group and transactional ids
 *       prefixed with its application id;</li>
 *   <li>the dispatcher ({@code acl.dispatcher.principal}) reads alert events and its retries with its groups, and
 *       writes retries, dead letters and SMS receipts; the operations centre ({@code acl.ops.principal}) reads the outputs it
 *       shows and exports (no group) and writes acknowledgements;</li>
 *   <li>a regional hub ({@code acl.hub.principals}, {@code <hub>=User:<name>}) gets, at the centre, what its
 *       MirrorMaker 2 link ({@code flowwatch hub}) does there: see {@link HubLinkAccess}.</li>
 * </ul>
 * An empty setting grants nothing to that role.
 *
 * @param arrivals the arrivals app's topics, from its topology
 * @param sites the sites app's topics, from its topology
 */
public record AccessRoles(Settings settings, AppTopics arrivals, AppTopics sites) {

    public List<AclBinding> bindings() {
        List<AclBinding> bindings = new ArrayList<>();
        for (String post : principals("acl.post.principals")) {
            for (TopicSpec<?, ?> topic : List.of(Topics.CROSSINGS, Topics.HEARTBEATS)) {
                bindings.add(allow(post, topic(topic), AclOperation.WRITE));
                bindings.add(allow(post, topic(topic), AclOperation.DESCRIBE));
            }
        }
        principal("acl.streams.principal").ifPresent(app ->
                bindings.addAll(streamsApp(app, settings.string("streams.application.id"), arrivals)));
        principal("acl.sites.principal").ifPresent(app ->
                bindings.addAll(streamsApp(app, settings.string("sites.application.id"), sites)));
        principal("acl.dispatcher.principal").ifPresent(dispatcher -> {
            reads(bindings, dispatcher, List.of(Topics.ALERT_EVENTS, Topics.WEBHOOK_RETRIES));
            writes(bindings, dispatcher, List.of(Topics.WEBHOOK_RETRIES, Topics.WEBHOOK_DLQ, Topics.SMS_RECEIPTS));
            bindings.add(allow(dispatcher, prefixed(ResourceType.GROUP, settings.string("dispatch.group.prefix") + "-"),
                    AclOperation.READ));
        });
        principal("acl.ops.principal").ifPresent(ops -> {
            List<TopicSpec<?, ?>> shown = new ArrayList<>(OpsCentre.topics());
            shown.addAll(List.of(Topics.ALERT_EVENTS, Topics.ARRIVALS_DAILY, Topics.SITES));
            reads(bindings, ops, shown);
            writes(bindings, ops, List.of(Topics.ALERT_ACKS));
        });
        HubLinkAccess.principals(settings).forEach((hub, principal) -> bindings.addAll(HubLinkAccess.bindings(hub, principal)));
        return bindings.stream().distinct().toList();
    }

    private static List<AclBinding> streamsApp(String principal, String applicationId, AppTopics topics) {
        List<AclBinding> bindings = new ArrayList<>();
        reads(bindings, principal, topics.allInputs());
        writes(bindings, principal, topics.outputs());
        // Its changelog and repartition topics, its transactional ids (exactly_once_v2) and its consumer group.
        bindings.add(allow(principal, prefixed(ResourceType.TOPIC, applicationId + "-"), AclOperation.ALL));
        bindings.add(allow(principal, prefixed(ResourceType.TRANSACTIONAL_ID, applicationId + "-"), AclOperation.WRITE));
        bindings.add(allow(principal, prefixed(ResourceType.TRANSACTIONAL_ID, applicationId + "-"), AclOperation.DESCRIBE));
        bindings.add(allow(principal, new ResourcePattern(ResourceType.GROUP, applicationId, PatternType.LITERAL), AclOperation.READ));
        return bindings;
    }

    static void reads(List<AclBinding> bindings, String principal, Collection<? extends TopicSpec<?, ?>> topics) {
        topics.forEach(topic -> bindings.add(allow(principal, topic(topic), AclOperation.READ)));
    }

    static void writes(List<AclBinding> bindings, String principal, Collection<? extends TopicSpec<?, ?>> topics) {
        topics.forEach(topic -> bindings.add(allow(principal, topic(topic), AclOperation.WRITE)));
    }

    static ResourcePattern topic(TopicSpec<?, ?> topic) {
        return new ResourcePattern(ResourceType.TOPIC, topic.name(), PatternType.LITERAL);
    }

    private static ResourcePattern prefixed(ResourceType type, String prefix) {
        return new ResourcePattern(type, prefix, PatternType.PREFIXED);
    }

    static AclBinding allow(String principal, ResourcePattern resource, AclOperation operation) {
        return new AclBinding(resource, new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW));
    }

    private Optional<String> principal(String key) {
        return settings.optional(key).map(value -> checked(settings, key, value.strip()));
    }

    private List<String> principals(String key) {
        return settings.optional(key).stream().flatMap(value -> Arrays.stream(value.split(",")))
                .map(String::strip).filter(value -> !value.isEmpty()).map(value -> checked(settings, key, value)).toList();
    }

    static String checked(Settings settings, String key, String principal) {
        if (!principal.startsWith("User:") || principal.length() == "User:".length()) {
            throw new ConfigException("setting '" + key + "' must name principals as User:<name>, got '" + principal
                    + "' (from " + settings.layer(key) + ")");
        }
        return principal;
    }
}
