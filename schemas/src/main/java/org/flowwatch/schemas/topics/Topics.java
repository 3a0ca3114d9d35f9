package org.flowwatch.schemas.topics;

import java.util.List;
import java.util.Map;
import org.flowwatch.schemas.avro.Alert;
import org.flowwatch.schemas.avro.ArrivalCount;
import org.flowwatch.schemas.avro.CrossingEvent;
import org.flowwatch.schemas.avro.PostHeartbeat;
import org.flowwatch.schemas.avro.Site;
import org.flowwatch.schemas.avro.SupplyEvent;
import org.flowwatch.schemas.avro.WebhookDelivery;

/**
 * The catalogue: the only place topic names appear. Names follow {@code flowwatch.<entity>.<stage>.v<n>}.
 *
 * <p>Topics that carry event time from a replayed crisis (September 2023) keep records forever
 * ({@code retention.ms=-1}): with the default 7 days the broker would delete them as soon as they land.
 */
public final class Topics {

    private static final Map<String, String> KEEP_FOREVER = Map.of("retention.ms", "-1");
    private static final Map<String, String> COMPACTED = Map.of("cleanup.policy", "compact", "retention.ms", "-1");
    private static final Map<String, String> KEEP_30_DAYS = Map.of("retention.ms", String.valueOf(30L * 24 * 3600 * 1000));

    public static final TopicSpec<String, CrossingEvent> CROSSINGS = new TopicSpec<>(
            "flowwatch.crossings.v1", String.class, CrossingEvent.class, 4, KEEP_FOREVER,
            "groups crossing a border post, keyed by postId (keeps a post's events in order)");

    public static final TopicSpec<String, CrossingEvent> CROSSINGS_VALID = new TopicSpec<>(
            "flowwatch.crossings.valid.v1", String.class, CrossingEvent.class, 4, KEEP_FOREVER,
            "crossings that passed validation and dedupe, keyed by postId: what every downstream app reads");

    public static final TopicSpec<String, PostHeartbeat> HEARTBEATS = new TopicSpec<>(
            "flowwatch.heartbeats.v1", String.class, PostHeartbeat.class, 4, KEEP_FOREVER,
            "posts' signs of life with their pending journal size, keyed by postId");

    public static final TopicSpec<String, SupplyEvent> SUPPLIES = new TopicSpec<>(
            "flowwatch.supplies.v1", String.class, SupplyEvent.class, 4, KEEP_FOREVER,
            "deliveries, distributions and stock counts, keyed by siteId");

    public static final TopicSpec<String, Site> SITES = new TopicSpec<>(
            "flowwatch.sites.v1", String.class, Site.class, 1, COMPACTED,
            "reference data of posts, reception centres and shelters, keyed by siteId");

    public static final TopicSpec<String, ArrivalCount> ARRIVALS_HOURLY = new TopicSpec<>(
            "flowwatch.arrivals.hourly.v1", String.class, ArrivalCount.class, 4, COMPACTED,
            "people per post per hour of event time, keyed by ArrivalKeys (latest revision wins)");

    public static final TopicSpec<String, Alert> ALERT_EVENTS = new TopicSpec<>(
            "flowwatch.alerts.events.v1", String.class, Alert.class, 4, KEEP_30_DAYS,
            "every state change of every alert, keyed by alertId (an episode's changes stay in order)");

    // Keyed by endpoint name: one endpoint's parked deliveries stay in order in one partition.
    public static final TopicSpec<String, WebhookDelivery> WEBHOOK_RETRIES = new TopicSpec<>(
            "flowwatch.webhooks.retry.v1", String.class, WebhookDelivery.class, 4, KEEP_30_DAYS,
            "alert deliveries parked until their next attempt, keyed by endpoint name");

    public static final TopicSpec<String, WebhookDelivery> WEBHOOK_DLQ = new TopicSpec<>(
            "flowwatch.webhooks.dlq.v1", String.class, WebhookDelivery.class, 4, KEEP_FOREVER,
            "alert deliveries given up (too old, endpoint gone, refused), keyed by endpoint name, flowwatch.error.* headers");

    public static final List<TopicSpec<?, ?>> ALL = List.of(CROSSINGS, CROSSINGS_VALID, HEARTBEATS, SUPPLIES, SITES, ARRIVALS_HOURLY,
            ALERT_EVENTS, WEBHOOK_RETRIES, WEBHOOK_DLQ);

    private Topics() {
    }
}
