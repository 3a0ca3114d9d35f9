package org.flowwatch.consumers.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.flowwatch.embedded.EmbeddedRegistry;
import org.flowwatch.embedded.EmbeddedStack;
import org.flowwatch.schemas.avro.Site;
import org.flowwatch.schemas.avro.SiteKind;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.schemas.serde.RegistrySettings;
import org.flowwatch.schemas.topics.TopicAdmin;
import org.flowwatch.schemas.topics.Topics;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the operations centre's screens read through: a viewer must outlive a record it cannot read, whether the
 * record is not ours (skipped) or the registry cannot answer (read again once it does). Its thread dying would freeze
 * the screen without a word.
 */
@Tag("integration")
@Timeout(120)
class TopicViewerIntegrationTest {

    @Test
    void shouldSkipAForeignRecordAndWaitForTheRegistryWhenItIsDownAsTheViewerStarts(@TempDir Path dir) throws Exception {
        try (EmbeddedStack stack = EmbeddedStack.start(dir, 0, 0)) {
            try (TopicAdmin admin = TopicAdmin.forBootstrap(stack.bootstrapServers())) {
                admin.createMissing(List.of(Topics.SITES), (short) 1);
            }
            // given a site, then bytes that are not our format, then another site, written while the registry was up
            FlowwatchSerdes writers = FlowwatchSerdes.forRegistry(RegistrySettings.of(stack.registryUrl()));
            Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
            try (var sites = new KafkaProducer<>(config, new StringSerializer(), writers.value(Topics.SITES).serializer());
                 var raw = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
                sites.send(new ProducerRecord<>(Topics.SITES.name(), 0, "goris", site("goris"))).get();
                raw.send(new ProducerRecord<>(Topics.SITES.name(), 0, "junk", new byte[] {1, 2, 3})).get();
                sites.send(new ProducerRecord<>(Topics.SITES.name(), 0, "vayk", site("vayk"))).get();
            }
            // and a viewer started once the registry is down, knowing no schema
            stack.registry().close();
            List<String> seen = new CopyOnWriteArrayList<>();
            FlowwatchSerdes readers = FlowwatchSerdes.forRegistry(RegistrySettings.of(stack.registryUrl()));
            try (TopicViewer<Site> viewer = TopicViewer.ofValues(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    stack.bootstrapServers()), readers, Topics.SITES, site -> seen.add(site.getSiteId().toString())).start()) {
                // which shows nothing while the registry is down
                await().alias("nothing shown while the registry is down").during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                        .until(seen::isEmpty);
                // when the registry comes back on its storage and port
                try (EmbeddedRegistry back = EmbeddedRegistry.start(dir.resolve("registry"), stack.registry().port())) {
                    // then the viewer shows both sites, the foreign record skipped
                    await().atMost(Duration.ofSeconds(60)).until(() -> seen.size() == 2);
                    assertThat(seen).containsExactly("goris", "vayk");
                    assertThat(viewer.awaitCaughtUp(Duration.ofSeconds(10))).isTrue();
                }
            }
        }
    }

    private static Site site(String id) {
        return Site.newBuilder().setSiteId(id).setName(id).setKind(SiteKind.RECEPTION_CENTRE).setAdm1Code("AM-SU")
                .setAdm1Name("Syunik").build();
    }
}
