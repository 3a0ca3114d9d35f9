package org.flowwatch.streams.runtime;

import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.flowwatch.schemas.config.CommonSettings;
import org.flowwatch.schemas.config.ConfigException;
import org.flowwatch.schemas.config.ConfigLoader;
import org.flowwatch.schemas.config.Settings;
import org.flowwatch.schemas.serde.RegistrySettings;
import org.flowwatch.streams.runtime.errors.SkipUndecodableRecords;
import org.flowwatch.streams.arrivals.topology.ArrivalsSettings;
import org.flowwatch.streams.arrivals.validation.ValidationRules;

/**
 * The typed settings of the arrivals streams app, read once from the layered configuration.
 *
 * @param queryPort HTTP port of the interactive queries; 0 turns them off
 */
public record StreamsSettings(Properties kafkaStreams, RegistrySettings registry, ArrivalsSettings arrivals,
                              int queryPort, String advertisedHost) {

    public static final String DEFAULTS = "flowwatch/defaults/streams.properties";

    /** The common defaults plus this app's own, ready for a file, env and flags layer. */
    public static ConfigLoader loader() {
        return CommonSettings.loader().defaults(DEFAULTS);
    }

    public static StreamsSettings from(Settings settings) {
        Properties props = new Properties();
        props.putAll(CommonSettings.kafkaClient(settings));
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, settings.string("streams.application.id"));
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, settings.string("streams.processing.guarantee"));
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, settings.duration("streams.commit.interval").toMillis());
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, settings.integer("streams.num.threads"));
        // Kafka Streams suffixes it per thread and app, so the arrivals and sites apps of one instance can share it.
        settings.optional("streams.instance.id").filter(id -> !id.isBlank())
                .ifPresent(id -> props.put(StreamsConfig.consumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), id));
        props.put(StreamsConfig.STATE_DIR_CONFIG, settings.optional("streams.state.dir")
                .orElse(Path.of(System.getProperty("java.io.tmpdir"), "flowwatch-streams").toString()));
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, SkipUndecodableRecords.class);
        // A window store's changelog records carry event time, and Kafka gives the changelog a time retention (the
        // store's plus a day) that the broker applies against its wall clock: with replayed event time (2023) it
        // deleted changelog records within seconds, and a restore after a crash then lost resends' ids and counts.
        // The stores still drop old windows by stream time; only the broker's deletion by wall clock is turned off.
        props.putIfAbsent(StreamsConfig.WINDOW_STORE_CHANGE_LOG_ADDITIONAL_RETENTION_MS_CONFIG, Long.MAX_VALUE);
        // Every task of the arrivals topology reads one partition (one source topic per sub-topology), so waiting for
        // other partitions orders nothing; with Kafka's default (0) a task with nothing buffered formats log strings
        // on every pass of the loop (3 % of the stream thread in the benchmark). The sites app puts Kafka's back.
        props.putIfAbsent(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
        // Uncommitted writes stay in memory until their transaction commits, so a store on disk holds committed data
        // only. Without it, a store found without its committed offset (a task moving in a rebalance) is "corrupted",
        // and Kafka 4.3-4.4 then aborts the thread's open transaction without taking its healthy tasks back to their
        // last commit: their crossings of the last commit interval were never counted (11 to 47 people, about 1 run in
        // 10 of ArrivalsScaleOutIntegrationTest). With it, no such corruption is raised (docs/reliability.md, 7 Dec).
        props.putIfAbsent(StreamsConfig.TRANSACTIONAL_STATE_STORES_CONFIG, true);
        // Kafka 5.0 turns this on by default; opting in now keeps behaviour the same across the upgrade.
        props.put("processing.exception.handler.global.enabled", true);
        int queryPort = settings.integer("query.http.port");
        String host = settings.string("query.advertised.host");
        if (queryPort > 0) {
            // Tells the other instances where this one answers queries for the keys it holds.
            props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, host + ":" + queryPort);
        }
        return new StreamsSettings(props, CommonSettings.registry(settings), arrivals(settings), queryPort, host);
    }

    /** The same app with other Kafka Streams properties (e.g. a benchmark's own application id and guarantee). */
    public StreamsSettings withKafkaStreams(Properties props) {
        return new StreamsSettings(props, registry, arrivals, queryPort, advertisedHost);
    }

    private static ArrivalsSettings arrivals(Settings settings) {
        try {
            ValidationRules rules = new ValidationRules(settings.integer("crossings.max.people"),
                    settings.duration("crossings.future.tolerance"), settings.duration("crossings.max.age"));
            return new ArrivalsSettings(rules, settings.duration("crossings.dedupe.horizon"),
                    settings.duration("arrivals.hourly.grace"), settings.duration("arrivals.daily.grace"),
                    CommonSettings.timeZone(settings), settings.duration("arrivals.store.retention"));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }
}
