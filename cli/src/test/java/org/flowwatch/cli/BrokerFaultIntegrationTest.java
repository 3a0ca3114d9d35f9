package org.flowwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.flowwatch.producers.replay.ScenarioReplay;
import org.flowwatch.schemas.avro.CrossingEvent;
import org.flowwatch.schemas.config.CommonSettings;
import org.flowwatch.schemas.config.Settings;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.schemas.topics.Topics;
import org.flowwatch.streams.app.StreamsRunner;
import org.flowwatch.streams.sites.SitesApp;
import org.flowwatch.streams.sites.SitesSettings;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broker lost mid-replay: two arrivals instances (exactly_once_v2) on a three-broker cluster (replication factor 3,
 * min.insync.replicas 2); a third of the way through, the broker coordinating the app's consumer group stops, and
 * two thirds through it starts again on its data and port. Every person is counted exactly once (post, region and
 * operation per local day equal the ground truth), the valid topic holds each crossing once, and the sites app, on the
 * same cluster, raises the alert episodes its topology raises from the same inputs with no fault ({@link AlertOracle}).
 */
@Tag("integration")
@Timeout(300)
class BrokerFaultIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    void shouldCountEveryPersonOnceWhenABrokerStopsAndComesBackMidReplay(@TempDir Path dir) throws Exception {
        String applicationId = "flowwatch-arrivals-broker-fault-" + UUID.randomUUID();
        try (ReplicatedStack stack = ReplicatedStack.start(dir, "127.0.0.1");
             ArrivalsInstances instances = new ArrivalsInstances(stack, applicationId, dir);
             CountsPoller user = new CountsPoller()) {
            Settings sites = stack.settings(Map.of("sites.application.id", "flowwatch-sites-broker-fault-" + UUID.randomUUID(),
                    "streams.state.dir", dir.resolve("sites-state").toString(), AlertOracle.PURGE_SETTING, AlertOracle.KEEP));
            // given two arrivals instances and the sites app, RUNNING
            instances.add();
            instances.add();
            await().alias("two instances RUNNING").atMost(WAIT).until(instances::allRunning);
            try (StreamsRunner sitesApp = SitesApp.start(SitesSettings.from(sites))) {
                assertThat(sitesApp.awaitRunning(WAIT)).as("sites app RUNNING, failure: %s", sitesApp.failure()).isTrue();
                countThroughABrokerFault(stack, applicationId, instances, user);
                // and the sites app raised the alert episodes its topology raises from the same inputs with no fault
                await().alias("sites app through the valid crossings").atMost(WAIT)
                        .until(() -> CommittedTopic.caughtUp(sites, sites.string("sites.application.id"), Topics.CROSSINGS_VALID));
                Set<String> expected = AlertOracle.episodes(AlertOracle.alertsFor(sites,
                        FlowwatchSerdes.forRegistry(CommonSettings.registry(sites)), dir.resolve("oracle")));
                assertThat(expected).as("the replay raises alerts").isNotEmpty();
                await().alias("the episodes the oracle raised").atMost(WAIT).until(() ->
                        AlertOracle.episodes(CommittedTopic.values(sites, Topics.ALERT_EVENTS)).equals(expected));
                assertThat(sitesApp.failure()).isEmpty();
                System.out.printf("broker fault: alert episodes %s%n", expected);
            }
        }
    }

    private static void countThroughABrokerFault(ReplicatedStack stack, String applicationId, ArrivalsInstances instances,
                                                 CountsPoller user) throws Exception {
        // when a replay flows in and the group's coordinator broker stops, then comes back
        FaultReplay replay = FaultReplay.start(stack);
        int stops = FaultReplay.LONG ? 3 : 1;
        List<Integer> stopped = new ArrayList<>();
        for (int cycle = 0; cycle < stops; cycle++) {
            replay.awaitHours(FaultReplay.HOURS * (2 * cycle + 1) / (2 * stops + 1));
            int broker = stack.coordinatorOf(applicationId);
            stack.kafka().stopBroker(broker);
            stopped.add(broker);
            replay.awaitHours(FaultReplay.HOURS * (2 * cycle + 2) / (2 * stops + 1));
            stack.kafka().startBroker(broker);
        }
        ScenarioReplay.Sent sent = replay.awaitSent();

        // then the counts equal the ground truth on both instances
        Map<String, Map<LocalDate, Long>> expected = FaultReplay.expected(sent.truth());
        await().alias("counts equal the ground truth").atMost(WAIT).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            for (String query : FaultReplay.QUERIES) {
                for (int i = 0; i < instances.size(); i++) {
                    assertThat(user.peopleByDay(instances.get(i).queryPort(), query)).as("instance %d %s", i, query)
                            .isEqualTo(expected.get(query));
                }
            }
        });
        // and the valid topic holds every crossing sent exactly once (resends and retries dropped)
        List<CrossingEvent> valid = CommittedTopic.values(stack.settings(Map.of()), Topics.CROSSINGS_VALID);
        Set<UUID> ids = new HashSet<>();
        valid.forEach(crossing -> ids.add(crossing.getEventId()));
        System.out.printf("broker fault: brokers stopped %s; %d people in %d groups (%d resends); valid topic %d records,"
                + " %d distinct; daily %s%n", stopped, sent.people(), sent.groups(), sent.resends(), valid.size(), ids.size(),
                expected.get(FaultReplay.ALL_DAYS));
        assertThat(ids).as("distinct crossings on the valid topic").hasSize(Math.toIntExact(sent.groups()));
        assertThat(valid).as("records on the valid topic").hasSize(Math.toIntExact(sent.groups()));
    }
}
