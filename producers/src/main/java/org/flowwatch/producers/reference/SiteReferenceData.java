package org.flowwatch.producers.reference;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.flowwatch.producers.publish.PublishException;
import org.flowwatch.schemas.avro.Site;
import org.flowwatch.schemas.avro.SiteKind;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.schemas.topics.Topics;

/**
 * The sites of the 2023 scenario (armenia-2023-sites.csv: posts, reception centres, shelters) as {@link Site}
 * records, and their publication to the compacted sites topic: the streams app validates crossings against it, so
 * the demo seeds it before it starts. The file has no quoted cells, so a split on commas reads it (as the arrivals
 * curve is read); a richer reference-data loader may replace this class.
 */
public final class SiteReferenceData {

    public static final String RESOURCE = "flowwatch/scenario/armenia-2023-sites.csv";

    private SiteReferenceData() {
    }

    /** The scenario's sites, from the copy of the CSV on the classpath. */
    public static List<Site> armenia2023() {
        try (InputStream csv = SiteReferenceData.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (csv == null) {
                throw new IllegalStateException("sites reference data missing from the classpath: " + RESOURCE);
            }
            return parse(csv);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Site> parse(InputStream csv) throws IOException {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(csv, StandardCharsets.UTF_8))) {
            return reader.lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#") && !line.startsWith("site_id"))
                    .map(line -> site(line.split(",", -1)))
                    .toList();
        }
    }

    // Columns: site_id,name,kind,adm1_code,adm1_name,lat,lon,note
    private static Site site(String[] cells) {
        return Site.newBuilder()
                .setSiteId(cells[0]).setName(cells[1])
                .setKind(SiteKind.valueOf(cells[2].toUpperCase(Locale.ROOT)))
                .setAdm1Code(cells[3]).setAdm1Name(cells[4])
                .setLat(Double.parseDouble(cells[5])).setLon(Double.parseDouble(cells[6]))
                .build();
    }

    /** Publishes {@code sites} keyed by siteId and waits until every one is acknowledged. */
    public static void publish(List<Site> sites, Map<String, Object> kafkaConfig, FlowwatchSerdes serdes) {
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (KafkaProducer<String, Site> producer = new KafkaProducer<>(config,
                serdes.key(Topics.SITES).serializer(), serdes.value(Topics.SITES).serializer())) {
            List<Future<RecordMetadata>> sent = sites.stream()
                    .map(site -> producer.send(new ProducerRecord<>(Topics.SITES.name(), site.getSiteId(), site)))
                    .toList();
            for (Future<RecordMetadata> ack : sent) {
                ack.get();
            }
        } catch (ExecutionException e) {
            throw new PublishException("sites reference data was not acknowledged by Kafka: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishException("interrupted while publishing sites reference data", e);
        }
    }
}
