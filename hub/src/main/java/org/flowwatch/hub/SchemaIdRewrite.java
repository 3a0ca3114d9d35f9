package org.flowwatch.hub;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.transforms.Transformation;
import org.flowwatch.schemas.serde.HttpSchemaRegistryClient;
import org.flowwatch.schemas.serde.RegistrySettings;
import org.flowwatch.schemas.serde.RegistryUnavailableException;
import org.flowwatch.schemas.serde.SchemaRegistryClient;

/**
 * A Connect transformation on MirrorMaker's source connector: each replicated value of a listed topic gets the target
 * registry's schema id in place of the source registry's (see {@link SchemaIds}). Keys are left alone: every key in
 * the catalogue is a plain string. Tombstones and values not in the wire format pass through untouched.
 *
 * <p>A registry that cannot answer is a {@link RetriableException}: Connect retries the record (MirrorMaker is set
 * to retry without end, {@code errors.retry.timeout=-1}) instead of failing the task. A schema the target refuses
 * (incompatible under the subject's rule) fails the task with the registry's reason: replication of that flow stops
 * and the lag alert fires, rather than records reaching the centre that its apps could not read.
 */
public final class SchemaIdRewrite<R extends ConnectRecord<R>> implements Transformation<R> {

    public static final String SOURCE_REGISTRY_URL = "source.registry.url";
    public static final String SOURCE_REGISTRY_BASIC_AUTH = "source.registry.basic.auth";
    public static final String TARGET_REGISTRY_URL = "target.registry.url";
    public static final String TARGET_REGISTRY_BASIC_AUTH = "target.registry.basic.auth";
    public static final String REGISTRY_RETRY_FOR = "registry.retry.for.ms";
    public static final String TOPICS = "topics";

    private static final ConfigDef CONFIG = new ConfigDef()
            .define(SOURCE_REGISTRY_URL, ConfigDef.Type.STRING, ConfigDef.Importance.HIGH, "registry the records were written with")
            .define(SOURCE_REGISTRY_BASIC_AUTH, ConfigDef.Type.PASSWORD, "", ConfigDef.Importance.LOW, "user:password, if any")
            .define(TARGET_REGISTRY_URL, ConfigDef.Type.STRING, ConfigDef.Importance.HIGH, "registry the target cluster's readers use")
            .define(TARGET_REGISTRY_BASIC_AUTH, ConfigDef.Type.PASSWORD, "", ConfigDef.Importance.LOW, "user:password, if any")
            .define(REGISTRY_RETRY_FOR, ConfigDef.Type.LONG, 30_000L, ConfigDef.Importance.LOW, "retries of one registry call")
            .define(TOPICS, ConfigDef.Type.LIST, ConfigDef.Importance.HIGH, "topics whose values are in the wire format");

    private SchemaIds ids;
    private Set<String> topics;

    @Override
    public void configure(Map<String, ?> configs) {
        var config = new AbstractConfig(CONFIG, configs);
        Duration retryFor = Duration.ofMillis(config.getLong(REGISTRY_RETRY_FOR));
        ids = new SchemaIds(client(config.getString(SOURCE_REGISTRY_URL), config.getPassword(SOURCE_REGISTRY_BASIC_AUTH).value(), retryFor),
                client(config.getString(TARGET_REGISTRY_URL), config.getPassword(TARGET_REGISTRY_BASIC_AUTH).value(), retryFor));
        topics = new HashSet<>(config.getList(TOPICS));
    }

    @Override
    public R apply(R record) {
        if (!topics.contains(record.topic()) || !(record.value() instanceof byte[] value) || !SchemaIds.isWireFormat(value)) {
            return record;
        }
        byte[] relabelled;
        try {
            relabelled = ids.relabel(record.topic() + "-value", value);
        } catch (RegistryUnavailableException unavailable) {
            throw new RetriableException("registry unavailable while relabelling a record of " + record.topic(), unavailable);
        }
        if (relabelled == value) {
            return record;
        }
        return record.newRecord(record.topic(), record.kafkaPartition(), record.keySchema(), record.key(), record.valueSchema(),
                relabelled, record.timestamp(), record.headers());
    }

    @Override
    public ConfigDef config() {
        return CONFIG;
    }

    @Override
    public void close() {
        // the HTTP clients hold no resources that outlive the JVM's own connection pool
    }

    private static SchemaRegistryClient client(String url, String basicAuth, Duration retryFor) {
        RegistrySettings settings = RegistrySettings.of(url).withRetryFor(retryFor);
        if (basicAuth != null && !basicAuth.isEmpty()) {
            settings = new RegistrySettings(settings.url(), Optional.of(basicAuth), settings.requestTimeout(), retryFor, true);
        }
        return new HttpSchemaRegistryClient(settings);
    }
}
