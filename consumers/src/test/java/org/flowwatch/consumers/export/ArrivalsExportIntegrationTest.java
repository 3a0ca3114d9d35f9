package org.flowwatch.consumers.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowwatch.consumers.export.Counts.T0;
import static org.flowwatch.consumers.export.Counts.post;
import static org.flowwatch.schemas.testing.StackTopics.serdesWithTopics;

import java.io.StringWriter;
import java.time.Duration;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.flowwatch.embedded.EmbeddedStack;
import org.flowwatch.embedded.EmbeddedStackExtension;
import org.flowwatch.schemas.avro.ArrivalCount;
import org.flowwatch.schemas.avro.CountStatus;
import org.flowwatch.schemas.avro.Direction;
import org.flowwatch.schemas.avro.Granularity;
import org.flowwatch.schemas.avro.SiteStatus;
import org.flowwatch.schemas.avro.VulnerablePeople;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.schemas.serde.RegistrySettings;
import org.flowwatch.schemas.topics.ArrivalKeys;
import org.flowwatch.schemas.topics.TopicSpec;
import org.flowwatch.schemas.topics.Topics;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The exports reading the real compacted topics: only the latest revision of each window, or of each site, is exported. */
@Tag("integration")
@Timeout(120)
@ExtendWith(EmbeddedStackExtension.class)
class ArrivalsExportIntegrationTest {

    @Test
    void shouldExportLatestRevisionOfEachHourWhenCountWasRevised(EmbeddedStack stack) throws Exception {
        // given a post no other test uses, whose 10:00 count was revised from 7 provisional to 9 final
        String postId = "export-" + UUID.randomUUID();
        FlowwatchSerdes serdes = serdesWithTopics(stack);
        ArrivalCount provisional = post(postId, T0, 7);
        provisional.setStatus(CountStatus.PROVISIONAL);
        send(stack, serdes, provisional);
        send(stack, serdes, post(postId, T0, 9));
        send(stack, serdes, post(postId, T0.plus(Duration.ofHours(1)), 30));
        ExportSettings settings = settings(stack, ExportSettings.What.ARRIVALS, Granularity.HOUR, OptionalInt.empty());
        StringWriter out = new StringWriter();

        // when
        ArrivalsExport.run(settings, serdes, out);

        // then
        assertThat(out.toString().lines().filter(line -> line.contains(postId)))
                .containsExactly("2023-09-25T10:00+04:00,post,,," + postId + "," + postId + ",arrival,final,9,,,,,,,,0,",
                        "2023-09-25T11:00+04:00,post,,," + postId + "," + postId + ",arrival,final,30,,,,,,,,0,"); // late: none
    }

    @Test
    void shouldExportLatestStatusOfEachSiteWhenSitesAreAsked(EmbeddedStack stack) throws Exception {
        // given a site no other test uses, whose status changed from 100 people to 1,840 with 37 unaccompanied children
        String siteId = "export-site-" + UUID.randomUUID();
        FlowwatchSerdes serdes = serdesWithTopics(stack);
        SiteStatus before = SiteStatus.newBuilder().setSiteId(siteId).setName("Goris reception centre").setAdm1Code("AM-SU")
                .setPopulation(100).setItems(List.of()).setUpdatedAt(T0).build();
        send(stack, serdes, Topics.SITE_STATUS, siteId, before);
        send(stack, serdes, Topics.SITE_STATUS, siteId, SiteStatus.newBuilder(before).setPopulation(1_840)
                .setUpdatedAt(T0.plus(Duration.ofHours(1))).setVulnerable(new VulnerablePeople(37L, 3L, 0L, 9L, 210L)).build());
        ExportSettings settings = settings(stack, ExportSettings.What.SITES, Granularity.DAY, OptionalInt.of(5));
        StringWriter out = new StringWriter();

        // when
        SitesExport.run(settings, serdes, out);

        // then: the latest status, public (3 people with disabilities hidden)
        assertThat(out.toString().lines().filter(line -> line.contains(siteId))).containsExactly(
                "2023-09-25T11:00+04:00,site,AM-SU,,Goris reception centre," + siteId + ",reported,1840,,37,,0,9,210,disabled");
    }

    /** A CSV export in Yerevan time, as {@code flowwatch export} would be set. */
    private static ExportSettings settings(EmbeddedStack stack, ExportSettings.What what, Granularity granularity,
                                           OptionalInt publicThreshold) {
        return new ExportSettings(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
                RegistrySettings.of(stack.registryUrl()), what, granularity, EnumSet.of(Direction.ARRIVAL), "csv", publicThreshold,
                ZoneId.of("Asia/Yerevan"), Duration.ofSeconds(30));
    }

    private static void send(EmbeddedStack stack, FlowwatchSerdes serdes, ArrivalCount count) {
        send(stack, serdes, Topics.ARRIVALS_HOURLY, ArrivalKeys.of(count), count);
    }

    private static <V> void send(EmbeddedStack stack, FlowwatchSerdes serdes, TopicSpec<String, V> topic, String key, V value) {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, V> producer = new KafkaProducer<>(config, serdes.key(topic).serializer(),
                serdes.value(topic).serializer())) {
            producer.send(new ProducerRecord<>(topic.name(), key, value));
        }
    }
}
