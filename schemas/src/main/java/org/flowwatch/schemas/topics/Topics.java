package org.flowwatch.schemas.topics;

import java.util.List;
import java.util.Map;
import org.flowwatch.schemas.avro.Alert;
import org.flowwatch.schemas.avro.AlertAck;
import org.flowwatch.schemas.avro.ArrivalCount;
import org.flowwatch.schemas.avro.CrossingEvent;
import org.flowwatch.schemas.avro.LateCrossing;
import org.flowwatch.schemas.avro.PostHeartbeat;
import org.flowwatch.schemas.avro.RollingCount;
import org.flowwatch.schemas.avro.Item;
import org.flowwatch.schemas.avro.Site;
import org.flowwatch.schemas.avro.SiteInput;
import org.flowwatch.schemas.avro.SiteMovement;
import org.flowwatch.schemas.avro.SiteStatus;
import org.flowwatch.schemas.avro.SmsReceipt;
import org.flowwatch.schemas.avro.SupplyEvent;
import org.flowwatch.schemas.avro.Threshold;
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
            "people per post, region and operation per hour of event time, keyed by ArrivalKeys (latest revision wins)");

    public static final TopicSpec<String, ArrivalCount> ARRIVALS_DAILY = new TopicSpec<>(
            "flowwatch.arrivals.daily.v1", String.class, ArrivalCount.class, 4, COMPACTED,
            "people per post, region and operation per local day (operation.time.zone), keyed by ArrivalKeys");

    public static final TopicSpec<String, RollingCount> ARRIVALS_ROLLING = new TopicSpec<>(
            "flowwatch.arrivals.rolling.v1", String.class, RollingCount.class, 4, COMPACTED,
            "people in the last 60 minutes and 24 hours per post, region and operation, keyed by RollingKeys");

    public static final TopicSpec<String, LateCrossing> ARRIVALS_LATE = new TopicSpec<>(
            "flowwatch.arrivals.late.v1", String.class, LateCrossing.class, 4, KEEP_FOREVER,
            "valid crossings that reached a count after its window closed, keyed by the ArrivalKeys of the missed window");

    public static final TopicSpec<byte[], byte[]> DEAD_LETTERS = new TopicSpec<>(
            "flowwatch.ingest.rejected.v1", byte[].class, byte[].class, 4, KEEP_FOREVER,
            "crossings and heartbeats that failed validation or could not be read, as sent, with flowwatch.reject.* headers");

    public static final TopicSpec<byte[], Long> BENCH_COUNTS = new TopicSpec<>(
            "flowwatch.bench.counts.v1", byte[].class, Long.class, 4, Map.of("retention.ms", "3600000"),
            "output of flowwatch bench's bare windowed count (the floor any Streams app pays)");

    // Kept: its records carry 2023 window times, and the bench reads each run's counts back after the run.
    public static final TopicSpec<byte[], Long> BENCH_FLINK_COUNTS = new TopicSpec<>(
            "flowwatch.bench.flink.counts.v1", byte[].class, Long.class, 4, KEEP_FOREVER,
            "output of flowwatch bench's Flink peer (an exactly-once Flink 1 h windowed count), one count per post and window");

    public static final TopicSpec<String, Item> ITEMS = new TopicSpec<>(
            "flowwatch.items.v1", String.class, Item.class, 1, COMPACTED,
            "reference data: need per person per day of each item, keyed by itemId or siteId/itemId (one site's own)");

    public static final TopicSpec<String, Threshold> THRESHOLDS = new TopicSpec<>(
            "flowwatch.thresholds.v1", String.class, Threshold.class, 1, COMPACTED,
            "reference data: warning and critical cover per site and item, keyed by siteId/itemId ('*/itemId' for all sites)");

    public static final TopicSpec<String, SiteMovement> SITE_MOVEMENTS = new TopicSpec<>(
            "flowwatch.sites.movements.v1", String.class, SiteMovement.class, 4, KEEP_FOREVER,
            "transfers between sites, departures from and arrivals at a site, keyed by the site people leave (or reach)");

    public static final TopicSpec<String, SiteInput> SITES_REJECTED = new TopicSpec<>(
            "flowwatch.sites.rejected.v1", String.class, SiteInput.class, 1, KEEP_FOREVER,
            "ledger inputs refused (population would go negative, unknown site...), with flowwatch.reject.* and flowwatch.source.* headers");

    // Written and read by the sites app only: the arriving half of a transfer between sites on different partitions.
    public static final TopicSpec<String, SiteInput> SITE_HANDOVERS = new TopicSpec<>(
            "flowwatch.sites.handovers.v1", String.class, SiteInput.class, 1, KEEP_30_DAYS,
            "people a site's ledger let go in a transfer, on their way to the receiving site's partition, keyed by that site");

    public static final TopicSpec<String, SiteStatus> SITE_STATUS = new TopicSpec<>(
            "flowwatch.sites.status.v1", String.class, SiteStatus.class, 1, COMPACTED,
            "population, capacity, stock and days of cover per item of each site, keyed by siteId (latest wins)");

    public static final TopicSpec<String, Alert> ALERT_EVENTS = new TopicSpec<>(
            "flowwatch.alerts.events.v1", String.class, Alert.class, 4, KEEP_FOREVER,
            "every state change of every alert episode (OPEN, ESCALATED, DE_ESCALATED, RESOLVED), keyed by alertId");

    public static final TopicSpec<String, Alert> ALERTS_CURRENT = new TopicSpec<>(
            "flowwatch.alerts.current.v1", String.class, Alert.class, 4, COMPACTED,
            "the open alerts, keyed by alertId: latest state of each episode, a tombstone once it resolves");

    public static final TopicSpec<String, AlertAck> ALERT_ACKS = new TopicSpec<>(
            "flowwatch.alerts.acks.v1", String.class, AlertAck.class, 1, COMPACTED,
            "acknowledgements of open alerts from the operations centre, keyed by alertId (every dashboard reads all of them)");

    // Keyed by endpoint name: one endpoint's parked deliveries stay in order in one partition.
    public static final TopicSpec<String, WebhookDelivery> WEBHOOK_RETRIES = new TopicSpec<>(
            "flowwatch.webhooks.retry.v1", String.class, WebhookDelivery.class, 4, KEEP_30_DAYS,
            "alert deliveries parked until their next attempt, keyed by endpoint name");

    public static final TopicSpec<String, WebhookDelivery> WEBHOOK_DLQ = new TopicSpec<>(
            "flowwatch.webhooks.dlq.v1", String.class, WebhookDelivery.class, 4, KEEP_FOREVER,
            "alert deliveries given up (too old, endpoint gone, refused), keyed by endpoint name, flowwatch.error.* headers");

    // Keyed by recipient reference (<endpoint>/<recipient> of the endpoints file): a recipient's receipts in order.
    public static final TopicSpec<String, SmsReceipt> SMS_RECEIPTS = new TopicSpec<>(
            "flowwatch.sms.receipts.v1", String.class, SmsReceipt.class, 4, KEEP_FOREVER,
            "what became of alerts sent as SMS (accepted, delivered, failed, expired), keyed by recipient reference, no numbers");

    public static final List<TopicSpec<?, ?>> ALL = List.of(CROSSINGS, CROSSINGS_VALID, HEARTBEATS, SUPPLIES, SITES,
            ARRIVALS_HOURLY, ARRIVALS_DAILY, ARRIVALS_ROLLING, ARRIVALS_LATE, DEAD_LETTERS, BENCH_COUNTS, BENCH_FLINK_COUNTS,
            ITEMS, THRESHOLDS, SITE_MOVEMENTS, SITES_REJECTED, SITE_HANDOVERS, SITE_STATUS, ALERT_EVENTS, ALERTS_CURRENT,
            ALERT_ACKS, WEBHOOK_RETRIES, WEBHOOK_DLQ, SMS_RECEIPTS);

    private Topics() {
    }
}
