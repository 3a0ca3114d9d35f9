package org.flowwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.flowwatch.embedded.EmbeddedKafka;
import org.flowwatch.embedded.EmbeddedRegistry;
import org.flowwatch.embedded.EmbeddedStack;
import org.flowwatch.embedded.SaslSslListener;
import org.flowwatch.hub.HubLink;
import org.flowwatch.hub.HubSettings;
import org.flowwatch.producers.publish.CrossingPublisher;
import org.flowwatch.schemas.config.CommonSettings;
import org.flowwatch.schemas.config.Settings;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.schemas.testing.CrossingBuilder;
import org.flowwatch.schemas.topics.Topics;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A regional hub's MirrorMaker link to a centre that enforces ACLs: the link's centre-side clients log in (SASL_SSL)
 * as the hub's own principal, which has nothing but what {@code flowwatch topics apply --acls} grants it from
 * {@code acl.hub.principals}; reference data must come down and crossings go up.
 */
@Tag("integration")
@Timeout(180)
class HubAclIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String ADMIN = "admin";
    private static final String ADMIN_PASSWORD = "admin-pw";
    private static final String HUB = "hub-syunik";
    private static final String HUB_PASSWORD = "syunik-pw";

    @Test
    void shouldReplicateSitesDownAndCrossingsUpWhenTheHubHasOnlyTheAclsTopicsApplyGranted(@TempDir Path dir) throws Exception {
        long began = System.nanoTime();
        // The registries start while the brokers do: most of the set-up time.
        CompletableFuture<EmbeddedRegistry> centreRegistryStarting =
                CompletableFuture.supplyAsync(() -> EmbeddedRegistry.start(dir.resolve("centre-registry"), 0));
        CompletableFuture<EmbeddedStack> hubStarting = CompletableFuture.supplyAsync(() -> EmbeddedStack.start(dir.resolve("hub"), 0, 0));
        SaslSslListener listener = SaslSslListener.create(dir.resolve("tls"), ADMIN);
        try (EmbeddedKafka centreKafka = EmbeddedKafka.startSecured(dir.resolve("centre-kafka"), 0, listener);
             EmbeddedRegistry centreRegistry = centreRegistryStarting.join();
             EmbeddedStack hub = hubStarting.join()) {
            centreKafka.createScramUser(ADMIN, ADMIN_PASSWORD);
            centreKafka.createScramUser(HUB, HUB_PASSWORD);
            Map<String, String> centreAdmin = new LinkedHashMap<>();
            listener.clientConfig(ADMIN, ADMIN_PASSWORD).forEach((key, value) -> centreAdmin.put("kafka." + key, value));
            centreAdmin.put("registry.url", centreRegistry.url());
            centreAdmin.put("acl.hub.principals", "syunik=" + "User:" + HUB);
            // given the centre's topics and ACLs from topics apply, and its reference data
            List<String> apply = new ArrayList<>(List.of("topics", "apply", "--acls"));
            centreAdmin.forEach((key, value) -> apply.addAll(List.of("--set", key + "=" + value)));
            CommandRun applied = CommandRun.of(apply.toArray(String[]::new));
            assertThat(applied.exitCode()).as(applied.err()).isZero();
            assertThat(applied.out()).contains("allow User:hub-syunik READ on group syunik-mm2");
            Settings atCentre = new ConfigOptions().load(centreAdmin);
            int references = ReferenceCommand.publishDefaults(atCentre);

            // and a hub whose link logs in at the centre as the hub's principal
            Map<String, String> hubFlags = new LinkedHashMap<>(Map.of("kafka.bootstrap.servers", hub.bootstrapServers(),
                    "registry.url", hub.registryUrl(), "hub.name", "syunik", "hub.centre.bootstrap.servers", listener.bootstrapServers(),
                    "hub.centre.registry.url", centreRegistry.url(), "hub.check.every", "2s", "hub.commit.every", "1s"));
            listener.clientConfig(HUB, HUB_PASSWORD).forEach((key, value) -> hubFlags.put(HubSettings.CENTRE_KAFKA_PREFIX + key, value));
            hubFlags.remove(HubSettings.CENTRE_KAFKA_PREFIX + "bootstrap.servers");
            Settings atHub = new ConfigOptions().load(hubFlags);
            TopicsCommand.createMissing(atHub, Topics.ALL);
            FlowwatchSerdes hubSerdes = FlowwatchSerdes.forRegistry(CommonSettings.registry(atHub));
            System.out.printf("hub acls: centre secured and applied, hub up after %d ms%n", (System.nanoTime() - began) / 1_000_000);

            // when the link runs and the hub's posts write crossings
            int crossings = 5;
            try (HubLink link = HubLink.start(HubSettings.from(atHub));
                 var hubSites = CommittedReader.of(hubSerdes, atHub, Topics.SITES);
                 var hubItems = CommittedReader.of(hubSerdes, atHub, Topics.ITEMS);
                 var centreCrossings = CommittedReader.of(FlowwatchSerdes.forRegistry(CommonSettings.registry(atCentre)), atCentre,
                         Topics.CROSSINGS);
                 CrossingPublisher posts = new CrossingPublisher(CommonSettings.kafkaClient(atHub), hubSerdes)) {
                for (int i = 0; i < crossings; i++) {
                    posts.publish(CrossingBuilder.aCrossing().atPost("goris").people(1).build());
                }
                posts.flush();

                // then the reference data comes down and the crossings go up
                await().alias("reference data at the hub").atMost(WAIT)
                        .until(() -> hubSites.values().size() + hubItems.values().size() == references);
                System.out.printf("hub acls: reference data down after %d ms%n", (System.nanoTime() - began) / 1_000_000);
                await().alias("crossings at the centre").atMost(WAIT).until(() -> centreCrossings.values().size() >= crossings);
                System.out.printf("hub acls: crossings up after %d ms%n", (System.nanoTime() - began) / 1_000_000);
                // and MirrorMaker's heartbeats cross both ways (the lag metrics): fresh once the link has run a while
                await().alias("heartbeats both ways").pollDelay(Duration.ofSeconds(8)).atMost(WAIT)
                        .until(() -> link.lag().up().toSeconds() < 4 && link.lag().down().toSeconds() < 4);
                System.out.printf("hub acls: heartbeats both ways after %d ms%n", (System.nanoTime() - began) / 1_000_000);
                assertThat(link.isReplicating()).isTrue();
            }
        }
    }
}
