package org.flowwatch.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.StreamsConfig;
import org.flowwatch.producers.reference.SphereItems;
import org.flowwatch.schemas.avro.Site;
import org.flowwatch.schemas.avro.SiteKind;
import org.flowwatch.schemas.config.Settings;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.schemas.topics.Topics;
import org.flowwatch.streams.sites.SitesApp;
import org.flowwatch.streams.sites.SitesSettings;

/**
 * Section sites: the sites app alone, on a private broker, over {@code bench.sites.events} arrivals preloaded on the
 * valid-crossings topic (as the arrivals app writes them), sent round-robin to {@code bench.sites.count} reception
 * sites; timed like every streams app here, from RUNNING until its committed offsets reach the end of its input and of
 * its repartition topics. Three setups: the ledger on one partition in one instance (the demo's), on two partitions
 * in one instance (what keying by site costs), and on two partitions in two instances of one application id
 * (Kubernetes' two pods, here in one JVM on the same cores), after one warm-up run that is not quoted. A run counts
 * only if the sites' latest statuses hold every person sent.
 */
final class SitesBench {

    /** One setup: the ledger's partitions and the instances sharing them. */
    record Setup(int partitions, int instances) {
        String name() {
            return String.format("sites app alone, ledger on %d partition%s, %d instance%s, exactly_once_v2", partitions,
                    partitions == 1 ? "" : "s", instances, instances == 1 ? "" : "s");
        }
    }

    static final List<Setup> SETUPS = List.of(new Setup(1, 1), new Setup(2, 1), new Setup(2, 2));

    private final BenchSettings bench;
    private final Section section;

    SitesBench(BenchSettings bench, Section section) {
        this.bench = bench;
        this.section = section;
    }

    List<Figures> run() throws Exception {
        try (BenchStack stack = section.startStack("broker")) {
            Settings wired = stack.settings(Map.of());
            SitesSettings sites = SitesSettings.from(wired);
            FlowwatchSerdes serdes = FlowwatchSerdes.forRegistry(sites.registry());
            long events = bench.sitesEvents();
            int count = bench.sitesCount();
            publishSites(stack.kafka(), serdes, count);
            section.report(String.format("sites: preloading %,d arrivals from %d posts to %d sites on the valid crossings", events,
                    bench.posts(), count));
            long people = CrossingPreloader.preload(stack.kafka(), serdes, new CrossingPreloader.Input(events, bench.posts(), bench.span()),
                    Topics.CROSSINGS_VALID, index -> siteId(index % count)).people();
            // One run first, not quoted, as the sweep does: the first run in a fresh JVM pays for the JIT.
            once(stack.kafka(), serdes, sites, 1, events, people);
            List<Figures> figures = new ArrayList<>();
            for (Setup setup : SETUPS) {
                List<Double> rates = new ArrayList<>();
                for (int run = 1; run <= bench.repeats(); run++) {
                    double rate = once(stack.kafka(), serdes, sites.withLedgerPartitions(setup.partitions()), setup.instances(), events, people);
                    section.report(String.format("%s: run %d/%d %,.0f records/s", setup.name(), run, bench.repeats(), rate));
                    rates.add(rate);
                }
                figures.add(new Figures(setup.name(), "records/s", rates));
            }
            section.report(String.format("every sites run ended with exactly the %,d people sent at the sites", people));
            return figures;
        }
    }

    private double once(Map<String, Object> kafka, FlowwatchSerdes serdes, SitesSettings sites, int instances, long events, long people)
            throws Exception {
        String applicationId = "flowwatch-bench-sites-" + UUID.randomUUID();
        Properties props = StreamsRun.props(sites.kafkaStreams(), applicationId, BenchReport.EXACTLY_ONCE,
                section.path("state").resolve(applicationId));
        props.remove(StreamsConfig.APPLICATION_SERVER_CONFIG); // no query server here: nothing to advertise
        Map<TopicPartition, Long> before = CountCheck.committedEnds(kafka, Topics.SITE_STATUS.name());
        double rate = StreamsRun.recordsPerSecond(instance -> SitesApp.topology(sites.withKafkaStreams(instance)), props, kafka,
                Topics.CROSSINGS_VALID.name(), events, instances, section.progress());
        long counted = CountCheck.sitesPopulation(kafka, serdes, before);
        if (counted != people) {
            throw new IllegalStateException(String.format("the sites app (ledger on %d partitions, %d instances) ended with %,d people "
                    + "at the sites where %,d were sent", sites.ledgerPartitions(), instances, counted, people));
        }
        return rate;
    }

    // Reception sites with room for everyone (no CAPACITY alert stands in for the work measured) and the Sphere needs.
    private static void publishSites(Map<String, Object> kafka, FlowwatchSerdes serdes, int count) {
        try (var sites = new KafkaProducer<>(kafka, serdes.key(Topics.SITES).serializer(), serdes.value(Topics.SITES).serializer());
             var items = new KafkaProducer<>(kafka, serdes.key(Topics.ITEMS).serializer(), serdes.value(Topics.ITEMS).serializer())) {
            for (int i = 0; i < count; i++) {
                Site site = Site.newBuilder().setSiteId(siteId(i)).setName("Bench site " + i).setKind(SiteKind.RECEPTION_CENTRE)
                        .setAdm1Code("BENCH-" + (i % 5)).setAdm1Name("Bench region " + (i % 5)).setCapacityPeople(100_000_000).build();
                sites.send(new ProducerRecord<>(Topics.SITES.name(), site.getSiteId(), site));
            }
            SphereItems.minimums().forEach(item -> items.send(new ProducerRecord<>(Topics.ITEMS.name(), item.getItemId(), item)));
        }
    }

    private static String siteId(long index) {
        return "bench-site-" + index;
    }
}
