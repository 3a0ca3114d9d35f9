package org.flowwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.connect.mirror.RemoteClusterUtils;
import org.flowwatch.embedded.EmbeddedKafka;
import org.flowwatch.embedded.EmbeddedRegistry;
import org.flowwatch.embedded.EmbeddedStack;
import org.flowwatch.embedded.LocalPorts;
import org.flowwatch.hub.HubLink;
import org.flowwatch.hub.HubSettings;
import org.flowwatch.producers.replay.ScenarioReplay;
import org.flowwatch.schemas.avro.CrossingEvent;
import org.flowwatch.schemas.config.CommonSettings;
import org.flowwatch.schemas.config.Settings;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.schemas.serde.HttpSchemaRegistryClient;
import org.flowwatch.schemas.serde.SchemaRegistryClient;
import org.flowwatch.schemas.topics.TopicAdmin;
import org.flowwatch.schemas.topics.Topics;
import org.flowwatch.streams.arrivals.ArrivalsApp;
import org.flowwatch.streams.runtime.StreamsRunner;
import org.flowwatch.streams.runtime.StreamsSettings;
import org.flowwatch.streams.sites.SitesApp;
import org.flowwatch.streams.sites.SitesSettings;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A regional hub and the centre, each a real broker and registry, linked by Kafka's MirrorMaker 2 as
 * {@code flowwatch hub} runs it. The link carries reference data down, then is cut; three hours of the 2023 replay
 * (with resends and supplies) are written at the hub; the hub's arrivals and sites apps count them and raise alerts
 * while the centre sees nothing. The link is restored after the first hour and MirrorMaker is restarted after the
 * second. With {@code -Dflowwatch.hub.long=true} (a day), the line to the centre is also cut every three hours from
 * the twelfth (a TCP link the centre's broker advertises: the hub's watchdog must notice, stop MirrorMaker and start
 * it again once the centre answers; stopping MirrorMaker cut off takes 29-59 s, which is why the default build leaves
 * it out). Once the replay is in, the hub's and the centre's daily counts both equal the ground truth;
 * the hub's alerts stayed at the hub; every record at the centre carries the centre registry's schema id, which
 * differs from the hub's. Last, a MirrorMaker that lost its offsets copies every crossing to the centre a second
 * time, and the centre still counts each person once.
 */
@Tag("integration")
@Timeout(600)
class HubReplicationIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    /** {@code -Dflowwatch.hub.long=true}: a whole day, restored after 4 h, restarted after 8, the line cut every 3 h from 12. */
    private static final boolean LONG = Boolean.getBoolean("flowwatch.hub.long");
    private static final int HOURS = LONG ? 24 : 3;
    private static final int RESTORE = LONG ? 4 : 1;
    private static final int RESTART = LONG ? 8 : 2;
    /** The first hour after which the TCP line is cut; the default build never reaches it. */
    private static final int FLAP = LONG ? 12 : HOURS;
    private static final int FLAP_EVERY = 3;

    @Test
    void shouldCountAtTheHubWhileCutOffAndOnceAtTheCentreThroughRestartsFlapsAndCopiesTwice(@TempDir Path dir) throws Exception {
        long began = System.nanoTime();
        // The centre's broker is reached through a line the test can cut: it advertises the line's port.
        int centrePort = LocalPorts.free("the centre");
        CompletableFuture<EmbeddedRegistry> centreRegistryStarting =
                CompletableFuture.supplyAsync(() -> EmbeddedRegistry.start(dir.resolve("centre").resolve("registry"), 0));
        try (CuttableLink line = CuttableLink.to(centrePort);
             EmbeddedStack hub = EmbeddedStack.start(dir.resolve("hub"), 0, 0);
             EmbeddedKafka centreKafka = EmbeddedKafka.start(dir.resolve("centre").resolve("kafka"), centrePort,
                     Map.of("advertised.listeners", "PLAINTEXT://127.0.0.1:" + line.port()));
             EmbeddedRegistry centre = centreRegistryStarting.join()) {
            // given the hub's registry numbered other schemas first (the same contracts get other ids than at the centre)
            SchemaRegistryClient hubRegistry = new HttpSchemaRegistryClient(CommonSettings.registry(settings(hub.bootstrapServers(), hub.registryUrl(), Map.of())));
            SchemaRegistryClient centreRegistry = new HttpSchemaRegistryClient(CommonSettings.registry(settings(centreKafka.bootstrapServers(), centre.url(), Map.of())));
            for (int i = 0; i < 5; i++) {
                hubRegistry.register("unrelated-" + i + "-value", SchemaBuilder.record("Unrelated" + i).fields().requiredLong("n").endRecord());
            }
            Settings atCentre = settings(centreKafka.bootstrapServers(), centre.url(), Map.of("streams.state.dir", dir.resolve("centre-state").toString()));
            Settings atHub = settings(hub.bootstrapServers(), hub.registryUrl(), Map.of("streams.state.dir", dir.resolve("hub-state").toString(),
                    "hub.name", "syunik", "hub.centre.bootstrap.servers", "127.0.0.1:" + line.port(),
                    "hub.centre.registry.url", centre.url(), "hub.check.every", "2s", "hub.commit.every", "1s", "hub.sync.every", "2s"));
            createTopics(atCentre);
            createTopics(atHub);
            // and the reference data published at the centre only
            int references = ReferenceCommand.publishDefaults(atCentre);
            FlowwatchSerdes hubSerdes = FlowwatchSerdes.forRegistry(CommonSettings.registry(atHub));
            FlowwatchSerdes centreSerdes = FlowwatchSerdes.forRegistry(CommonSettings.registry(atCentre));
            System.out.printf("hub: two stacks up in %d ms%n", (System.nanoTime() - began) / 1_000_000);

            try (HubLink link = HubLink.start(HubSettings.from(atHub));
                 var hubSites = CommittedReader.of(hubSerdes, atHub, Topics.SITES);
                 var hubItems = CommittedReader.of(hubSerdes, atHub, Topics.ITEMS)) {
                // when the link has brought the reference data down, and then is cut
                await().alias("reference data at the hub").atMost(WAIT)
                        .until(() -> hubSites.values().size() + hubItems.values().size() == references);
                System.out.printf("hub: reference data down after %d ms%n", (System.nanoTime() - began) / 1_000_000);
                timed("link cut", link::pause);

                try (StreamsRunner hubArrivals = ArrivalsApp.start(StreamsSettings.from(atHub));
                     StreamsRunner hubSitesApp = SitesApp.start(SitesSettings.from(atHub));
                     StreamsRunner centreArrivals = ArrivalsApp.start(StreamsSettings.from(atCentre));
                     var hubDaily = CommittedReader.of(hubSerdes, atHub, Topics.ARRIVALS_DAILY);
                     var hubAlerts = CommittedReader.of(hubSerdes, atHub, Topics.ALERT_EVENTS);
                     var centreDaily = CommittedReader.of(centreSerdes, atCentre, Topics.ARRIVALS_DAILY);
                     var centreCrossings = CommittedReader.of(centreSerdes, atCentre, Topics.CROSSINGS);
                     var centreValid = CommittedReader.of(centreSerdes, atCentre, Topics.CROSSINGS_VALID);
                     var centreAlerts = CommittedReader.of(centreSerdes, atCentre, Topics.ALERT_EVENTS)) {
                    // the replay writes six hours at the hub; between its hours the link is restored, MirrorMaker
                    // restarted and the link flapped (the replay waits while each is done)
                    long[] countedAtHubWhileCut = new long[1];
                    int[] centreCrossingsWhileCut = new int[1];
                    int[] hour = new int[1];
                    ScenarioReplay.Sent sent = ReplayCommand.replay(replaySettings(hub), (at, people) -> {
                        System.out.printf("hub: hour %d sent after %d ms%n", hour[0] + 1, (System.nanoTime() - began) / 1_000_000);
                        int h = ++hour[0];
                        if (h == RESTORE) {
                            await().alias("counted at the hub while cut off").atMost(WAIT)
                                    .until(() -> DailyArrivals.allScope(hubDaily.values()) > 0);
                            countedAtHubWhileCut[0] = DailyArrivals.allScope(hubDaily.values());
                            centreCrossingsWhileCut[0] = centreCrossings.values().size();
                            timed("link restored", link::resume);
                        } else if (h == RESTART) {
                            timed("MirrorMaker restart", link::restart);
                        } else if (h >= FLAP && (h - FLAP) % FLAP_EVERY == 0 && h < HOURS) {
                            timed("line to the centre cut, until the watchdog stopped MirrorMaker", () -> {
                                line.cut();
                                await().alias("the watchdog saw the centre gone").atMost(WAIT).until(() -> !link.isReplicating());
                            });
                            await().alias("lag up growing while cut").atMost(WAIT).until(() -> link.lag().up().toSeconds() >= 4);
                            System.out.printf("hub: lag up while cut %d ms%n", link.lag().up().toMillis());
                            timed("line restored, until MirrorMaker ran again", () -> {
                                line.restore();
                                await().alias("replicating again").atMost(WAIT).until(link::isReplicating);
                            });
                        }
                    });
                    assertThat(sent.resends()).as("the replay resent some crossings").isPositive();
                    System.out.printf("hub: replay of %d people in %d groups (%d resends) sent after %d ms%n", sent.people(),
                            sent.groups(), sent.resends(), (System.nanoTime() - began) / 1_000_000);

                    // then the hub counted while cut off, and the centre had nothing of it
                    assertThat(countedAtHubWhileCut[0]).as("people counted at the hub while the link was down").isPositive();
                    assertThat(centreCrossingsWhileCut[0]).as("crossings at the centre while the link was down").isZero();

                    // and both count the ground truth once the link is back
                    await().alias("hub and centre counts equal the ground truth").atMost(WAIT).untilAsserted(() -> {
                        assertThat(DailyArrivals.allScope(hubDaily.values())).as("hub").isEqualTo(sent.people());
                        assertThat(DailyArrivals.allScope(centreDaily.values())).as("centre").isEqualTo(sent.people());
                    });
                    Duration upLag = link.lag().up();
                    int copiedOnce = centreCrossings.drain().size();
                    System.out.printf("hub: counts equal at both after %d ms; MirrorMaker started %d times; %d crossings at the"
                            + " centre for %d groups; replication lag up %d ms, down %d ms%n", (System.nanoTime() - began) / 1_000_000,
                            link.starts(), copiedOnce, sent.groups(), upLag.toMillis(), link.lag().down().toMillis());
                    assertThat(link.starts()).as("MirrorMaker started, restored, restarted and restored after each flap")
                            .isEqualTo(3 + flaps());

                    // and the hub's alerts stayed at the hub: the centre raises its own
                    await().alias("alerts raised at the hub").atMost(WAIT).until(() -> !hubAlerts.values().isEmpty());
                    System.out.printf("hub: alerts at the hub %s%n", hubAlerts.values().stream()
                            .map(alert -> alert.getKind() + " " + alert.getState()).toList());
                    assertThat(centreAlerts.values()).as("alert events at the centre (no sites app runs there)").isEmpty();

                    // and records reached the centre relabelled with the centre registry's ids
                    Schema crossing = CrossingEvent.getClassSchema();
                    int hubId = hubRegistry.idOf(Topics.CROSSINGS.name() + "-value", crossing).orElseThrow();
                    int centreId = centreRegistry.idOf(Topics.CROSSINGS.name() + "-value", crossing).orElseThrow();
                    assertThat(hubId).as("the crossing contract's id at the hub and at the centre").isNotEqualTo(centreId);
                    assertThat(schemaIdsAt(atCentre, Topics.CROSSINGS.name())).containsExactly(centreId);

                    // and a consumer that kept up at the hub moves to the centre at its translated offsets and misses
                    // none (it may read a few twice: translation is at-least-once)
                    Set<UUID> movedConsumerSaw = moveToTheCentre(atHub, atCentre, hubSerdes, centreSerdes);
                    assertThat(movedConsumerSaw).as("eventIds a consumer saw at the hub, then at the centre")
                            .containsAll(DailyArrivals.distinct(centreValid.drain().stream().map(record -> record.value()).toList()));

                    // when a MirrorMaker that lost its offsets copies everything again
                    link.close();
                    try (HubLink forgetful = HubLink.start(HubSettings.from(atHub)
                            .withMirrorOverrides(Map.of("offset.storage.topic", "mm2-offsets.forgotten.internal")))) {
                        await().alias("every crossing at the centre twice").atMost(WAIT)
                                .until(() -> centreCrossings.drain().size() >= 2 * copiedOnce);
                        await().alias("the centre's arrivals app read them all").atMost(WAIT)
                                .until(() -> caughtUp(atCentre, atCentre.string("streams.application.id"), Topics.CROSSINGS.name()));
                        // then each person is still counted once: the copies were dropped by eventId
                        List<CrossingEvent> valid = centreValid.drain().stream().map(record -> record.value()).toList();
                        System.out.printf("hub: %d crossings at the centre after the second copy, %d valid (%d distinct); daily %d"
                                + " people; %d ms in all%n", centreCrossings.drain().size(), valid.size(), DailyArrivals.distinct(valid).size(),
                                DailyArrivals.allScope(centreDaily.values()), (System.nanoTime() - began) / 1_000_000);
                        assertThat(DailyArrivals.allScope(centreDaily.values())).as("people counted at the centre").isEqualTo(sent.people());
                        assertThat(valid).as("valid crossings at the centre").hasSize(Math.toIntExact(sent.groups()));
                        assertThat(DailyArrivals.distinct(valid)).hasSize(valid.size());
                    }
                }
            }
        }
    }

    /**
     * A consumer group reads every crossing at the hub and commits; once MirrorMaker has checkpointed the group, a
     * consumer at the centre starts from {@code RemoteClusterUtils.translateOffsets} and reads to the end. Returns every
     * eventId the two saw, and checks the centre's part re-read at most an offset sync's worth per partition.
     *
     * <p>Why a consumer that kept up, not one halfway: MirrorMaker keeps fewer offset syncs the further they lie behind
     * the newest (one per power-of-two distance), so a group far behind is translated to a much earlier offset. CI once
     * saw a group at 245 of 491 translated to 1: right (it misses nothing) but no test of the translation.
     */
    private static Set<UUID> moveToTheCentre(Settings atHub, Settings atCentre, FlowwatchSerdes hubSerdes,
                                             FlowwatchSerdes centreSerdes) throws Exception {
        String group = "mover-" + UUID.randomUUID();
        Set<UUID> seen = new HashSet<>();
        Map<String, Object> hubConsumer = new HashMap<>(CommonSettings.kafkaClient(atHub));
        hubConsumer.put("group.id", group);
        hubConsumer.put("auto.offset.reset", "earliest");
        hubConsumer.put("enable.auto.commit", false);
        Map<TopicPartition, Long> atHubEnd = endOffsets(atHub);
        long total = atHubEnd.values().stream().mapToLong(Long::longValue).sum();
        try (var consumer = new KafkaConsumer<>(hubConsumer,
                hubSerdes.key(Topics.CROSSINGS).deserializer(), hubSerdes.value(Topics.CROSSINGS).deserializer())) {
            consumer.subscribe(List.of(Topics.CROSSINGS.name()));
            readTo(atHubEnd, consumer, seen);
            consumer.commitSync();
        }
        Map<String, Object> centre = CommonSettings.kafkaClient(atCentre);
        // MirrorMaker sends the newest record's offset sync at its next commit (hub.commit.every), so the awaited
        // checkpoint is translated from a sync at most OFFSET_SYNC_EVERY records behind the group.
        long atLeast = total - (long) atHubEnd.size() * (HubSettings.OFFSET_SYNC_EVERY + 1);
        Map<TopicPartition, OffsetAndMetadata> translated = await().alias("the group's offsets checkpointed at the centre")
                .atMost(WAIT).until(() -> RemoteClusterUtils.translateOffsets(centre,
                        atHub.string("hub.name"), group, Duration.ofSeconds(5)), offsets -> crossingsSkipped(offsets) >= atLeast);
        long skipped = crossingsSkipped(translated);
        System.out.printf("hub: a consumer read all %d crossings at the hub; at the centre it starts past %d%n", total, skipped);
        Map<String, Object> centreConsumer = new HashMap<>(centre);
        centreConsumer.put("group.id", group);
        centreConsumer.put("enable.auto.commit", false);
        try (var consumer = new KafkaConsumer<>(centreConsumer,
                centreSerdes.key(Topics.CROSSINGS).deserializer(), centreSerdes.value(Topics.CROSSINGS).deserializer())) {
            Map<TopicPartition, Long> ends = endOffsets(atCentre);
            consumer.assign(ends.keySet());
            ends.keySet().forEach(tp -> consumer.seek(tp, translated.containsKey(tp) ? translated.get(tp).offset() : 0));
            readTo(ends, consumer, seen);
        }
        return seen;
    }

    /** Polls until the consumer holds every partition of {@code ends} and stands at its end, adding each eventId. */
    private static void readTo(Map<TopicPartition, Long> ends, KafkaConsumer<?, CrossingEvent> consumer, Set<UUID> seen) {
        while (consumer.assignment().size() < ends.size()
                || ends.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
            consumer.poll(Duration.ofMillis(500)).forEach(record -> seen.add(record.value().getEventId()));
        }
    }

    private static Map<TopicPartition, Long> endOffsets(Settings settings) throws Exception {
        try (Admin admin = Admin.create(CommonSettings.kafkaClient(settings))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(List.of(Topics.CROSSINGS.name())).allTopicNames().get().get(Topics.CROSSINGS.name()).partitions()
                    .forEach(p -> latest.put(new TopicPartition(Topics.CROSSINGS.name(), p.partition()), OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        }
    }

    private static int flaps() {
        return (int) java.util.stream.IntStream.range(FLAP, HOURS).filter(h -> (h - FLAP) % FLAP_EVERY == 0).count();
    }

    private static void timed(String what, Runnable action) {
        long start = System.nanoTime();
        action.run();
        System.out.printf("hub: %s took %d ms%n", what, (System.nanoTime() - start) / 1_000_000);
    }

    private static Settings settings(String bootstrap, String registryUrl, Map<String, String> more) {
        ConfigOptions config = new ConfigOptions();
        config.overrides = new LinkedHashMap<>(Map.of("kafka.bootstrap.servers", bootstrap,
                "registry.url", registryUrl, "streams.commit.interval", "100ms", "kafka.statestore.cache.max.bytes", "0"));
        config.overrides.putAll(more);
        return config.load();
    }

    private static Settings replaySettings(EmbeddedStack hub) {
        return settings(hub.bootstrapServers(), hub.registryUrl(), Map.of("replay.start", "2023-09-26T08:00:00+04:00", "replay.hours", Integer.toString(HOURS),
                "replay.speed", "1080", "replay.resend.share", "0.02"));
    }

    private static void createTopics(Settings settings) {
        try (TopicAdmin admin = new TopicAdmin(CommonSettings.kafkaClient(settings))) {
            admin.createMissing(Topics.ALL, (short) 1);
        }
    }

    /** The schema ids found in the values of {@code topic}. */
    private static Set<Integer> schemaIdsAt(Settings settings, String topic) {
        try (var reader = new CommittedReader<>(settings, topic, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            return reader.drain().stream().map(record -> ByteBuffer.wrap(record.value(), 1, 4).getInt()).collect(Collectors.toSet());
        }
    }

    /** Whether group {@code group} has committed the end of every partition of {@code topic}. */
    private static boolean caughtUp(Settings settings, String group, String topic) throws Exception {
        try (Admin admin = Admin.create(CommonSettings.kafkaClient(settings))) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> ends = committed.keySet().stream().filter(tp -> tp.topic().equals(topic))
                    .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end = admin.listOffsets(ends).all().get();
            return !end.isEmpty() && end.entrySet().stream().allMatch(e -> committed.get(e.getKey()).offset() >= e.getValue().offset());
        }
    }

    private static long crossingsSkipped(Map<TopicPartition, OffsetAndMetadata> offsets) {
        return offsets.entrySet().stream().filter(e -> e.getKey().topic().equals(Topics.CROSSINGS.name()))
                .mapToLong(e -> e.getValue().offset()).sum();
    }
}
