package org.flowwatch.streams.arrivals.topology;

import java.time.Instant;
import java.util.Properties;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.flowwatch.schemas.avro.ArrivalCount;
import org.flowwatch.schemas.avro.CrossingEvent;
import org.flowwatch.schemas.avro.LateCrossing;
import org.flowwatch.schemas.avro.PostHeartbeat;
import org.flowwatch.schemas.avro.RollingCount;
import org.flowwatch.schemas.avro.Site;
import org.flowwatch.schemas.avro.SiteKind;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.schemas.serde.InMemorySchemaRegistryClient;
import org.flowwatch.schemas.topics.TopicSpec;
import org.flowwatch.schemas.topics.Topics;
import org.flowwatch.streams.runtime.metrics.ArrivalMetrics;

/**
 * The production topology in a TopologyTestDriver, with real serdes over the in-memory registry and the sites
 * BP-07 and BP-09 (border posts in AM-SU), GORIS (a reception centre) and stepanakert (a place of origin) already in
 * the reference data. Public for tests that feed its valid crossings on to the sites topology.
 */
public final class ArrivalsDriver implements AutoCloseable {

    public final FlowwatchSerdes serdes = new FlowwatchSerdes(new InMemorySchemaRegistryClient());
    public final TopologyTestDriver driver;
    final TestInputTopic<String, CrossingEvent> crossings;
    final TestInputTopic<byte[], byte[]> rawCrossings;
    public final TestInputTopic<String, PostHeartbeat> heartbeats;
    final TestOutputTopic<String, ArrivalCount> hourly;
    final TestOutputTopic<String, ArrivalCount> daily;
    final TestOutputTopic<String, RollingCount> rolling;
    final TestOutputTopic<String, LateCrossing> late;
    final TestOutputTopic<String, CrossingEvent> valid;
    final TestOutputTopic<byte[], byte[]> deadLetters;

    private static final java.nio.file.Path STATE_DIR = org.flowwatch.streams.StateDirs.forThisJvm("arrivals-driver");

    public ArrivalsDriver(ArrivalsSettings settings) {
        this(settings, props());
    }

    /** The same driver with other Streams properties (e.g. a record cache, as in production). */
    ArrivalsDriver(ArrivalsSettings settings, Properties props) {
        driver = new TopologyTestDriver(new ArrivalsTopology(serdes, settings).build(props), props);
        crossings = input(Topics.CROSSINGS);
        heartbeats = input(Topics.HEARTBEATS);
        rawCrossings = driver.createInputTopic(Topics.CROSSINGS.name(), new ByteArraySerializer(), new ByteArraySerializer());
        hourly = output(Topics.ARRIVALS_HOURLY);
        daily = output(Topics.ARRIVALS_DAILY);
        rolling = output(Topics.ARRIVALS_ROLLING);
        late = output(Topics.ARRIVALS_LATE);
        valid = output(Topics.CROSSINGS_VALID);
        deadLetters = driver.createOutputTopic(Topics.DEAD_LETTERS.name(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        TestInputTopic<String, Site> sites = input(Topics.SITES);
        sites.pipeInput("BP-07", site("BP-07", SiteKind.BORDER_POST, "AM-SU"), Instant.EPOCH);
        sites.pipeInput("BP-09", site("BP-09", SiteKind.BORDER_POST, "AM-SU"), Instant.EPOCH);
        sites.pipeInput("BP-20", site("BP-20", SiteKind.BORDER_POST, "AM-VD"), Instant.EPOCH);
        sites.pipeInput("GORIS", site("GORIS", SiteKind.RECEPTION_CENTRE, "AM-SU"), Instant.EPOCH);
        sites.pipeInput("stepanakert", site("stepanakert", SiteKind.ORIGIN, "AZ-XA"), Instant.EPOCH);
    }

    static Properties props() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "flowwatch-arrivals-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "driver:9092"); // never contacted by the test driver
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        // One directory per test JVM: test runs of other checkouts on the same machine lock the default one.
        props.put(StreamsConfig.STATE_DIR_CONFIG, STATE_DIR.toString());
        props.put("processing.exception.handler.global.enabled", true);
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                org.flowwatch.streams.runtime.errors.SkipUndecodableRecords.class);
        return props;
    }

    static Site site(String id, SiteKind kind, String adm1) {
        return Site.newBuilder().setSiteId(id).setName(id).setKind(kind).setAdm1Code(adm1).setAdm1Name(adm1).build();
    }

    /** Pipes a crossing stamped, as producers do, with its own occurredAt. */
    public void pipe(CrossingEvent crossing) {
        crossings.pipeInput(crossing.getPostId(), crossing, crossing.getOccurredAt());
    }

    /** The value of custom counter {@code <operation>-total} of entity {@code crossings} (0 when never counted). */
    double counter(String entity, String operation) {
        return driver.metrics().entrySet().stream()
                .filter(metric -> metric.getKey().group().equals(ArrivalMetrics.GROUP)
                        && metric.getKey().name().equals(operation + "-total")
                        && entity.equals(metric.getKey().tags().get(ArrivalMetrics.SCOPE + "-id")))
                .map(metric -> (Double) ((Metric) metric.getValue()).metricValue())
                .findFirst().orElse(0.0);
    }

    private <K, V> TestInputTopic<K, V> input(TopicSpec<K, V> topic) {
        return driver.createInputTopic(topic.name(), serdes.key(topic).serializer(), serdes.value(topic).serializer());
    }

    private <K, V> TestOutputTopic<K, V> output(TopicSpec<K, V> topic) {
        return driver.createOutputTopic(topic.name(), serdes.key(topic).deserializer(), serdes.value(topic).deserializer());
    }

    @Override
    public void close() {
        driver.close();
    }
}
