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
import org.flowwatch.producers.replay.ScenarioReplay;
import org.flowwatch.schemas.avro.CrossingEvent;
import org.flowwatch.schemas.topics.Topics;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A network partition: one arrivals instance runs as a child process in its own network namespace, joined to the
 * brokers by a veth link; a second runs on this host. Mid-replay the link is cut until the group has dropped the
 * cut-off instance (longer than its 6 s session timeout; its work moves to the other one, and its producer is fenced),
 * then restored, and the cut-off instance rejoins. Every person is still counted exactly once and the valid topic holds each crossing once.
 * Skipped where network namespaces cannot be made (not root, no iproute2).
 *
 * <p>The cut also takes the registry away from the cut-off instance: a lookup it makes then is retried, and if the
 * link is still down when the retries end, its stream thread is replaced and starts again from the last commit (it
 * used to stop the app for good when the cut came before its serializers had cached their schema ids).
 */
@Tag("integration")
@Timeout(300)
class NetworkPartitionIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Duration EXTRA_CUT = Duration.ofSeconds(FaultReplay.LONG ? 30 : 5);

    @Test
    void shouldCountEveryPersonOnceWhenAnInstanceIsCutOffLongerThanItsSessionAndComesBack(@TempDir Path dir) throws Exception {
        IsolatedNetwork.Result made = IsolatedNetwork.create();
        Assumptions.assumeTrue(made.network().isPresent(), made.whyNot());
        String applicationId = "flowwatch-arrivals-partition-" + UUID.randomUUID();
        try (IsolatedNetwork network = made.network().get();
             ReplicatedStack<?> stack = ReplicatedStack.start(dir, network.hostAddress());
             TcpForwarder registry = TcpForwarder.start(network.hostAddress(), stack.registry().port());
             ArrivalsInstances onHost = new ArrivalsInstances(stack, applicationId, dir);
             StreamsChildProcess cutOff = StreamsChildProcess.start(network.inside(List.of()), "arrivals", stack.bootstrapServers(),
                     stack.registry().url().replace("127.0.0.1:" + stack.registry().port(), network.hostAddress() + ":" + registry.port()),
                     dir.resolve("state-cut-off"), List.of("streams.application.id=" + applicationId, "kafka.num.standby.replicas=1"))) {
            // given one instance on this host and one behind the link, sharing the work
            onHost.add();
            await().alias("the host's instance RUNNING").atMost(WAIT).until(onHost::allRunning);
            await().alias("both instances in the group").atMost(WAIT).until(() -> stack.membersOf(applicationId) == 2);

            // when the link is cut mid-replay for longer than the session timeout, then restored
            FaultReplay replay = FaultReplay.start(stack);
            replay.awaitHours(FaultReplay.HOURS / 3);
            long cutAt = System.nanoTime();
            network.cut();
            await().alias("the group drops the cut-off instance").atMost(WAIT).until(() -> stack.membersOf(applicationId) == 1);
            Thread.sleep(EXTRA_CUT.toMillis()); // and a while longer, while the other instance takes its work over
            network.restore();
            Duration cutFor = Duration.ofNanos(System.nanoTime() - cutAt);
            await().alias("the cut-off instance back in the group").atMost(WAIT).until(() -> stack.membersOf(applicationId) == 2);
            ScenarioReplay.Sent sent = replay.awaitSent();

            // then the operation's daily counts as published equal the ground truth
            Map<LocalDate, Long> expected = sent.truth().peopleByDay();
            await().alias("published daily counts equal the ground truth").atMost(WAIT).pollInterval(Duration.ofSeconds(2))
                    .untilAsserted(() -> assertThat(CommittedTopic.publishedDailyArrivals(stack.settings(Map.of()))).isEqualTo(expected));
            // and the valid topic holds every crossing once
            List<CrossingEvent> valid = CommittedTopic.values(stack.settings(Map.of()), Topics.CROSSINGS_VALID);
            Set<UUID> ids = new HashSet<>();
            valid.forEach(crossing -> ids.add(crossing.getEventId()));
            System.out.printf("partition: link cut for %d s; cut-off instance alive after: %s; %d people in %d groups (%d resends);"
                    + " valid topic %d records, %d distinct; daily %s%n", cutFor.toSeconds(), cutOff.isAlive(), sent.people(),
                    sent.groups(), sent.resends(), valid.size(), ids.size(), expected);
            assertThat(ids).hasSize(Math.toIntExact(sent.groups()));
            assertThat(valid).hasSize(Math.toIntExact(sent.groups()));
        }
    }
}
