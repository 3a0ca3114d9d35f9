package org.flowwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;
import org.flowwatch.embedded.KafkaProcessCluster;
import org.flowwatch.producers.replay.ScenarioReplay;
import org.flowwatch.schemas.avro.CrossingEvent;
import org.flowwatch.schemas.config.CommonSettings;
import org.flowwatch.schemas.config.Settings;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.schemas.topics.Topics;
import org.flowwatch.streams.runtime.StreamsRunner;
import org.flowwatch.streams.sites.SitesApp;
import org.flowwatch.streams.sites.SitesSettings;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Brokers lost the hard way mid-replay: two arrivals instances (exactly_once_v2) and the sites app, in this JVM, on
 * three combined broker-controller nodes, each a child JVM ({@link KafkaProcessCluster}; replication factor 3,
 * min.insync.replicas 2, a controller quorum of three). While the replay flows, a node that is not the active
 * controller (the one coordinating the app's group, unless that one leads the quorum) is SIGKILLed and started again
 * on its data and ports (the quorum fences it first); once it is back in every ISR, the active controller's node is
 * SIGKILLed, the two others elect a leader while crossings keep coming, and it is started again. No app is restarted
 * by the test.
 *
 * <p>Every person is counted exactly once (post, region and operation per local day equal the ground truth), the
 * valid topic holds each crossing once, the apps are RUNNING at the end, and the sites app raises the alert episodes
 * its topology raises from the same inputs with no fault ({@link AlertOracle}). {@code -Dflowwatch.faults.long=true}
 * replays a day with three such cycles.
 */
@Tag("integration")
@Timeout(300)
class BrokerFaultIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(90);
    /** Hours of event time in one cycle of faults, and where in it each fault falls. */
    private static final int CYCLE_HOURS = 8;
    private static final int KILL_NODE_AT = 1;
    /**
     * The killed node is started again an hour later; the quorum refuses its new registration until the old one's
     * 6 s session has expired, so it is fenced and its partitions led elsewhere all the same, and its JVM start
     * overlaps that wait.
     */
    private static final int RESTART_NODE_AT = 2;
    /** Or later: not before the first node is back in every ISR (one node down at a time). */
    private static final int KILL_CONTROLLER_AT = 4;
    /**
     * An hour every 3.75 s by default (the other fault tests: 2.5 s). A killed node serves again 6.5-19 s after its
     * kill on a shared 2-core machine (its JVM needs about 3.5 s of CPU to start), and only then may the controller
     * die: at this pace it still dies with 6-17 s of crossings to come. Long: an hour every 5 s, as the other tests.
     */
    private static final int SPEED = FaultReplay.LONG ? FaultReplay.SPEED : 960;

    @Test
    void shouldCountEveryPersonOnceWhenANodeAndThenTheActiveControllerAreKilledMidReplay(@TempDir Path dir) throws Exception {
        String applicationId = "flowwatch-arrivals-broker-fault-" + UUID.randomUUID();
        try (ReplicatedStack<KafkaProcessCluster> stack = ReplicatedStack.startInChildProcesses(dir);
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
                countThroughHardFaults(stack, applicationId, instances, user);
                // and the sites app raised the alert episodes its topology raises from the same inputs with no fault
                await().alias("sites app through the valid crossings").atMost(WAIT)
                        .until(() -> CommittedTopic.caughtUp(sites, sites.string("sites.application.id"), Topics.CROSSINGS_VALID));
                Set<String> expected = AlertOracle.episodes(AlertOracle.alertsFor(sites,
                        FlowwatchSerdes.forRegistry(CommonSettings.registry(sites)), dir.resolve("oracle")));
                assertThat(expected).as("the replay raises alerts").isNotEmpty();
                await().alias("the episodes the oracle raised").atMost(WAIT).until(() ->
                        AlertOracle.episodes(CommittedTopic.values(sites, Topics.ALERT_EVENTS)).equals(expected));
                assertThat(sitesApp.failure()).as("the sites app never gave up").isEmpty();
                await().alias("sites app RUNNING").atMost(WAIT).until(() -> sitesApp.state() == KafkaStreams.State.RUNNING);
                System.out.printf("broker fault: alert episodes %s%n", expected);
            }
        }
    }

    private static void countThroughHardFaults(ReplicatedStack<KafkaProcessCluster> stack, String applicationId,
                                               ArrivalsInstances instances, CountsPoller user) throws Exception {
        // when a replay flows in, and in each cycle a node is killed and restarted, then the active controller's node
        FaultReplay replay = FaultReplay.start(stack, SPEED);
        long replayStarted = System.nanoTime();
        List<String> faults = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> controllerBack = CompletableFuture.completedFuture(null);
        for (int cycle = 0; cycle < FaultReplay.HOURS / CYCLE_HOURS; cycle++) {
            int base = cycle * CYCLE_HOURS;
            controllerBack.join();
            killAndRestartANodeThatIsNotTheController(stack, applicationId, replay, base, faults);
            controllerBack = killTheActiveControllerAndRestartIt(stack.kafka(), replay, base, faults);
        }
        ScenarioReplay.Sent sent = replay.awaitSent();
        long replayMillis = millisSince(replayStarted);

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
        long exactMillis = millisSince(replayStarted);
        controllerBack.join(); // both killed nodes serve again
        // and both instances came through by themselves
        await().alias("both instances RUNNING").atMost(WAIT).until(instances::allRunning);
        for (int i = 0; i < instances.size(); i++) {
            assertThat(instances.get(i).failure()).as("instance %d never gave up", i).isEmpty();
        }
        // and the valid topic holds every crossing sent exactly once (resends and retries dropped)
        List<CrossingEvent> valid = CommittedTopic.values(stack.settings(Map.of()), Topics.CROSSINGS_VALID);
        Set<UUID> ids = new HashSet<>();
        valid.forEach(crossing -> ids.add(crossing.getEventId()));
        System.out.printf("broker fault: %s; replay sent in %d ms, counts exact %d ms after its start; %d people in %d"
                + " groups (%d resends); valid topic %d records, %d distinct; daily %s%n", faults, replayMillis, exactMillis,
                sent.people(), sent.groups(), sent.resends(), valid.size(), ids.size(), expected.get(FaultReplay.ALL_DAYS));
        assertThat(ids).as("distinct crossings on the valid topic").hasSize(Math.toIntExact(sent.groups()));
        assertThat(valid).as("records on the valid topic").hasSize(Math.toIntExact(sent.groups()));
    }

    /** The group's coordinator if it does not lead the quorum, else the lowest other node that does not. */
    private static void killAndRestartANodeThatIsNotTheController(ReplicatedStack<KafkaProcessCluster> stack, String applicationId,
                                                                  FaultReplay replay, int base, List<String> faults) throws Exception {
        KafkaProcessCluster kafka = stack.kafka();
        replay.awaitHours(base + KILL_NODE_AT);
        kafka.awaitInSync(); // one fault at a time: the two others hold every partition
        int controller = kafka.activeController();
        int coordinator = stack.coordinatorOf(applicationId);
        int victim = coordinator != controller ? coordinator
                : kafka.nodeIds().stream().filter(node -> node != controller).findFirst().orElseThrow();
        int killedAt = replay.hoursSent();
        kafka.kill(victim);
        long killed = System.nanoTime();
        replay.awaitHours(base + RESTART_NODE_AT);
        int restartedAt = replay.hoursSent();
        long down = millisSince(killed);
        kafka.restart(victim);
        long back = millisSince(killed);
        kafka.awaitInSync();
        faults.add(String.format("node %d (%s, controller %d) SIGKILLed at hour %d, restarted %d ms later (hour %d),"
                        + " serving %d ms and in every ISR %d ms after the kill", victim,
                victim == coordinator ? "the group's coordinator" : "not the group's coordinator " + coordinator, controller,
                killedAt, down, restartedAt, back, millisSince(killed)));
    }

    /**
     * Restarted as soon as the two others have elected a leader (its old session has to expire before it may rejoin),
     * in the background: the counts are checked meanwhile, and the returned future completes once it serves again.
     */
    private static CompletableFuture<Void> killTheActiveControllerAndRestartIt(KafkaProcessCluster kafka, FaultReplay replay,
                                                                           int base, List<String> faults) throws InterruptedException {
        replay.awaitHours(base + KILL_CONTROLLER_AT);
        kafka.awaitInSync();
        int controller = kafka.activeController();
        int killedAt = replay.hoursSent();
        kafka.kill(controller);
        long killed = System.nanoTime();
        int elected = kafka.awaitActiveControllerOtherThan(controller);
        long election = millisSince(killed);
        assertThat(killedAt).as("the active controller died while crossings were still being sent").isLessThan(FaultReplay.HOURS);
        return CompletableFuture.runAsync(() -> {
            kafka.restart(controller);
            faults.add(String.format("active controller node %d SIGKILLed at hour %d, node %d leading the quorum %d ms"
                    + " later; restarted then, serving %d ms after the kill (hour %d)", controller, killedAt, elected, election,
                    millisSince(killed), replay.hoursSent()));
        }, task -> new Thread(task, "restart-node-" + controller).start()); // not the common pool the replay runs in
    }

    private static long millisSince(long startedAtNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAtNanos);
    }
}
