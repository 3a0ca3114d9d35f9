package org.flowwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.flowwatch.embedded.EmbeddedKafka;
import org.flowwatch.schemas.topics.Topics;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code flowwatch topics apply} against a real broker whose topics drifted from the catalogue. */
@Tag("integration")
@Timeout(120)
class TopicsApplyIntegrationTest {

    private static final String BENCH = Topics.BENCH_COUNTS.name();

    @Test
    void shouldBringDriftedTopicsInLineOnceAndRefuseToShrinkWhenApplied(@TempDir Path dir) throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir, 0);
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            // given one catalogue topic made by hand with 1 partition and another retention (1 h in the catalogue):
            // every other catalogue topic to create, and 2 changes to that one
            admin.createTopics(List.of(new NewTopic(BENCH, 1, (short) 1).configs(Map.of("retention.ms", "60000"))))
                    .all().get(30, TimeUnit.SECONDS);
            String bootstrap = "kafka.bootstrap.servers=" + kafka.bootstrapServers();

            // when a dry run plans
            CommandRun dryRun = CommandRun.of("topics", "apply", "--dry-run", "--set", bootstrap);

            // then it prints the plan and changes nothing
            assertThat(dryRun.exitCode()).isZero();
            assertThat(dryRun.out()).contains("partitions " + BENCH + ": 1 -> 4", "config " + BENCH + ": retention.ms 60000 -> 3600000",
                    "create flowwatch.crossings.v1: 4 partitions", "topics: dry run, " + (Topics.ALL.size() + 1) + " change(s) planned, nothing changed");
            assertThat(admin.listTopics().names().get()).containsOnly(BENCH);

            // when applied
            CommandRun apply = CommandRun.of("topics", "apply", "--set", bootstrap);

            // then it made every change, one line each (the broker's metadata follows the controller a moment later)
            assertThat(apply.exitCode()).isZero();
            assertThat(apply.out().lines().filter(line -> line.startsWith("create ")).count()).isEqualTo(Topics.ALL.size() - 1);
            assertThat(apply.out()).contains("partitions " + BENCH + ": 1 -> 4", "topics: " + (Topics.ALL.size() + 1) + " change(s) applied");
            await().alias("4 partitions and 1 h retention seen").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(admin.describeTopics(List.of(BENCH)).allTopicNames().get().get(BENCH).partitions()).hasSize(4);
                assertThat(admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, BENCH))).all().get()
                        .values().iterator().next().get("retention.ms").value()).isEqualTo("3600000");
                assertThat(admin.listTopics().names().get()).hasSize(Topics.ALL.size());
            });

            // and a second run, through the old name, has nothing to do
            CommandRun again = CommandRun.of("topics", "create", "--set", bootstrap);
            assertThat(again.exitCode()).isZero();
            assertThat(again.out().strip()).isEqualTo("topics: nothing changed (" + Topics.ALL.size() + " topics checked)");

            // when a topic has more partitions than the catalogue
            admin.createPartitions(Map.of(BENCH, NewPartitions.increaseTo(6))).all().get(30, TimeUnit.SECONDS);
            await().alias("6 partitions seen").atMost(Duration.ofSeconds(30)).until(() ->
                    admin.describeTopics(List.of(BENCH)).allTopicNames().get().get(BENCH).partitions().size() == 6);
            CommandRun shrink = CommandRun.of("topics", "apply", "--set", bootstrap);

            // then it says why it cannot, and exits non-zero
            assertThat(shrink.exitCode()).isEqualTo(1);
            assertThat(shrink.out()).contains("CANNOT " + BENCH + ": has 6 partitions, the catalogue 4: Kafka cannot remove partitions");
            assertThat(shrink.err().strip()).isEqualTo(
                    "flowwatch: 1 difference(s) from the catalogue cannot be applied in place (the CANNOT lines above)");
        }
    }

    @Test
    void shouldSayTheClusterHasNoAuthorizerWhenAclsAreAskedFor(@TempDir Path dir) {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir, 0)) {
            // when
            CommandRun run = CommandRun.of("topics", "apply", "--acls", "--set", "kafka.bootstrap.servers=" + kafka.bootstrapServers(),
                    "--set", "acl.post.principals=User:post-goris");

            // then
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err().strip()).isEqualTo("flowwatch: could not read the ACLs: the cluster has no authorizer "
                    + "(authorizer.class.name), so ACLs cannot be set");
        }
    }
}
