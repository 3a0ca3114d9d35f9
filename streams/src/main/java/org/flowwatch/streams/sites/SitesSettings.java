package org.flowwatch.streams.sites;

import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.flowwatch.schemas.avro.CrossingEvent;
import org.flowwatch.schemas.config.CommonSettings;
import org.flowwatch.schemas.config.ConfigException;
import org.flowwatch.schemas.config.ConfigLoader;
import org.flowwatch.schemas.config.Settings;
import org.flowwatch.schemas.serde.RegistrySettings;
import org.flowwatch.schemas.topics.TopicSpec;
import org.flowwatch.schemas.topics.Topics;
import org.flowwatch.streams.runtime.StreamsSettings;

/**
 * The typed settings of the sites app (application id {@code flowwatch-sites}). It shares the {@code streams.*}
 * Kafka Streams settings of the arrivals app, with its own application id, query port and alert rules.
 */
public record SitesSettings(Properties kafkaStreams, RegistrySettings registry, TopicSpec<String, CrossingEvent> crossings,
                            AlertRules rules, SiteModel model, Duration reevaluateEvery, String queryHost, int queryPort,
                            int ledgerPartitions) {

    public static final String DEFAULTS = "flowwatch/defaults/sites.properties";

    public static ConfigLoader loader() {
        return StreamsSettings.loader().defaults(DEFAULTS);
    }

    public static SitesSettings from(Settings settings) {
        StreamsSettings streams = StreamsSettings.from(settings);
        Properties props = new Properties();
        props.putAll(streams.kafkaStreams());
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, settings.string("sites.application.id"));
        // The ledger reads several topics in one task: Kafka's default order across them, unless set (kafka.max.task.idle.ms).
        props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, CommonSettings.kafkaClient(settings).getOrDefault(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, 0L));
        // application.server names where this app answers queries: its own port, never the arrivals app's.
        props.remove(StreamsConfig.APPLICATION_SERVER_CONFIG);
        int queryPort = settings.integer("sites.query.port");
        if (queryPort > 0) {
            props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, settings.string("query.advertised.host") + ":" + queryPort);
        }
        return new SitesSettings(props, streams.registry(), crossings(settings), rules(settings), model(settings),
                settings.duration("sites.reevaluate.every"), settings.string("sites.query.host"),
                queryPort, ledgerPartitions(settings));
    }

    /** The same settings with other Kafka Streams properties (each KafkaStreams instance of a benchmark needs its own). */
    public SitesSettings withKafkaStreams(Properties props) {
        return new SitesSettings(props, registry, crossings, rules, model, reevaluateEvery, queryHost, queryPort, ledgerPartitions);
    }

    /** The same settings with the ledger on this many partitions. */
    public SitesSettings withLedgerPartitions(int partitions) {
        return new SitesSettings(kafkaStreams, registry, crossings, rules, model, reevaluateEvery, queryHost, queryPort, partitions);
    }

    private static int ledgerPartitions(Settings settings) {
        int partitions = settings.integer("sites.ledger.partitions");
        if (partitions < 1) {
            throw new ConfigException("setting 'sites.ledger.partitions' must be 1 or more, got " + partitions + " (from "
                    + settings.layer("sites.ledger.partitions") + ")");
        }
        return partitions;
    }

    private static AlertRules rules(Settings s) {
        return new AlertRules(s.decimal("sites.shortage.warning.days"), s.decimal("sites.shortage.critical.days"),
                s.decimal("sites.shared.warning.ratio"), s.decimal("sites.shared.critical.ratio"),
                s.decimal("sites.capacity.warning"), s.decimal("sites.capacity.critical"), s.decimal("sites.alerts.margin"),
                s.decimal("sites.surge.people.per.hour"), s.decimal("sites.surge.baseline.factor"),
                s.decimal("sites.surge.baseline.min.per.hour"), s.decimal("sites.surge.margin"), s.duration("sites.post.silent.warning"),
                s.duration("sites.post.silent.critical"), s.duration("sites.post.silent.check.every"))
                .withPostChecks(s.duration("sites.post.never.heard.after"), CommonSettings.timeZone(s),
                        // Signs of life arrive keyed by post on topics of this many partitions (co-partitioned).
                        Topics.HEARTBEATS.partitions());
    }

    private static SiteModel model(Settings s) {
        return new SiteModel(s.duration("sites.runout.horizon"), s.integer("sites.trend.hours"), s.decimal("sites.trend.damping"),
                s.decimal("sites.runout.band"), s.duration("sites.convoy.grace"), s.duration("sites.transit.quiet.after"),
                s.duration("sites.departure.wait"), s.duration("sites.status.refresh"), s.duration("sites.clock.quiet.after"),
                CommonSettings.timeZone(s), s.decimal("sites.runout.warning.hours"), s.decimal("sites.runout.critical.hours"),
                s.duration("sites.unreported.warning"),
                s.duration("sites.unreported.critical"), SiteModel.vulnerableMention(s.string("sites.vulnerable.mention")));
    }

    // Until the arrivals app publishes validated crossings everywhere, a deployment may point this app at the raw
    // topic; "valid" is the only safe choice once it does (the raw topic carries resends, counted twice).
    private static TopicSpec<String, CrossingEvent> crossings(Settings settings) {
        return switch (settings.string("sites.crossings.source")) {
            case "valid" -> Topics.CROSSINGS_VALID;
            case "raw" -> Topics.CROSSINGS;
            default -> throw new ConfigException("setting 'sites.crossings.source' must be valid or raw, got '"
                    + settings.string("sites.crossings.source") + "' (from " + settings.layer("sites.crossings.source") + ")");
        };
    }
}
