package org.flowwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.flowwatch.embedded.EmbeddedRegistry;
import org.flowwatch.embedded.EmbeddedStack;
import org.flowwatch.producers.post.PostClient;
import org.flowwatch.producers.post.PostSettings;
import org.flowwatch.schemas.config.CommonSettings;
import org.flowwatch.schemas.config.Settings;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.schemas.topics.Topics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The schema registry (the real Apicurio child process) stopped mid-run and started again later on its storage:
 * both streams apps (a real child process) keep counting with the schemas they hold; a post that already sent keeps
 * sending; a post (tablet) started during the outage, with no schema id yet, keeps its crossings in its journal and
 * delivers them when the registry is back. At the end every person recorded is counted once. Apps that start
 * during an outage, holding no schema, wait for the registry (their stream threads restart from the last commit)
 * and then count everyone.
 */
@Tag("integration")
@Timeout(300)
class RegistryOutageIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(90);
    /** What StreamsRunner logs when it replaces a stream thread that lacked the registry. */
    private static final String RESTARTED_FOR_REGISTRY = "because the schema registry cannot answer";
    /** A surge level the few hundred people recorded here pass, before and during the outage, so alerts open and escalate. */
    private static final String SURGE_SETTING = "sites.surge.people.per.hour";
    private static final String SURGE_LEVEL = "100";
    private final Random random = new Random(10);
    private final AtomicLong people = new AtomicLong();

    @TempDir
    Path dir;
    private EmbeddedStack stack;
    private Settings settings;
    private EmbeddedRegistry restarted;

    @BeforeEach
    void startStackWithTopicsAndSites() {
        stack = EmbeddedStack.start(dir.resolve("stack"), 0, 0);
        settings = settings(stack, dir.resolve("journal-first"));
        TopicsCommand.createMissing(settings, Topics.ALL);
        ReferenceCommand.publishDefaults(settings);
    }

    @AfterEach
    void stopStack() {
        if (restarted != null) {
            restarted.close();
        }
        stack.close();
    }

    @Test
    void shouldKeepCountingAndLoseNothingWhenTheRegistryIsDownForAWhile() throws Exception {
        FlowwatchSerdes readers = FlowwatchSerdes.forRegistry(CommonSettings.registry(settings));
        try (StreamsChildProcess apps = StreamsChildProcess.start(List.of(), "all", stack.bootstrapServers(), stack.registryUrl(),
                dir.resolve("state"), List.of(AlertOracle.keepLedgerInputs(), SURGE_SETTING + "=" + SURGE_LEVEL));
             var valid = CommittedReader.of(readers, settings, Topics.CROSSINGS_VALID);
             var daily = CommittedReader.of(readers, settings, Topics.ARRIVALS_DAILY);
             var alerts = CommittedReader.of(readers, settings, Topics.ALERT_EVENTS);
             PostClient first = post(settings)) {
            // given a post whose crossings both apps count
            record(first, 40);
            await().alias("first crossings counted").atMost(WAIT).until(() -> DailyArrivals.allScope(daily.values()) == people.get());
            // and read by the sites app too: "running" means it has used the schema it will need (on a loaded
            // machine it may still be starting when the arrivals app has counted)
            await().alias("sites app through the valid crossings").atMost(WAIT)
                    .until(() -> CommittedTopic.caughtUp(settings, settings.string("sites.application.id"), Topics.CROSSINGS_VALID));

            // when the registry stops
            stack.registry().close();
            // then the post that has sent before keeps sending, and the apps keep counting, with the schemas they hold
            record(first, 40);
            await().alias("counted while the registry is down").atMost(WAIT)
                    .until(() -> DailyArrivals.allScope(daily.values()) == people.get());
            long countedDuringOutage = people.get();

            // and a tablet started during the outage, with no schema id, keeps what it records in its journal
            try (PostClient second = post(settings(stack, dir.resolve("journal-second")))) {
                record(second, 30);
                await().alias("second tablet failing to send").atMost(WAIT)
                        .until(() -> second.senderStatus().lastError() != null && !second.senderStatus().reachable());
                assertThat(second.backlog().pendingEvents()).as("kept in the journal").isEqualTo(30);
                assertThat(apps.isAlive()).as("streams apps alive through the outage").isTrue();

                // when the registry comes back on its storage and port
                restartRegistry();

                // then the tablet delivers its backlog and every person recorded is counted once
                assertThat(second.awaitDrained(WAIT)).as("second tablet drained").isTrue();
                await().alias("every person counted").atMost(WAIT).until(() -> DailyArrivals.allScope(daily.values()) == people.get());
                assertThat(people.get()).isGreaterThan(countedDuringOutage);
                assertThat(valid.values()).as("valid crossings, once each").hasSize(110);
                assertThat(DailyArrivals.distinct(valid.values())).hasSize(110);
                assertThat(apps.isAlive()).as("streams apps alive after the outage").isTrue();

                // and the alert episodes are those the sites topology raises from the same inputs with no outage
                Set<String> expected = AlertOracle.episodes(AlertOracle.alertsFor(settings, readers, dir.resolve("oracle")));
                assertThat(expected).as("the crossings raise alerts").isNotEmpty();
                await().alias("the episodes the oracle raised").atMost(WAIT)
                        .until(() -> AlertOracle.episodes(alerts.values()).equals(expected));
                System.out.printf("registry outage: %d people in 110 crossings counted once; alert episodes %s%n", people.get(), expected);
            }
        }
    }

    @Test
    void shouldWaitForTheRegistryAndThenCountEveryoneWhenAppsStartDuringTheOutage() throws Exception {
        // given crossings on the topic, sent while the registry was up
        try (PostClient tablet = post(settings)) {
            record(tablet, 40);
            assertThat(tablet.awaitDrained(WAIT)).as("tablet drained").isTrue();
        }
        // and both apps started once the registry is down, so they hold no schema at all, and give up a
        // registry call after 5 s (the default is 30 s)
        stack.registry().close();
        try (StreamsChildProcess apps = StreamsChildProcess.start(List.of(), "all", stack.bootstrapServers(), stack.registryUrl(),
                dir.resolve("state"), List.of("registry.retry.for=5s"))) {
            // when their stream threads have failed for want of the registry, more than once
            await().alias("a stream thread restarted for want of the registry, twice").atMost(WAIT)
                    .until(() -> occurrences(apps.output(), RESTARTED_FOR_REGISTRY) >= 2);
            assertThat(apps.isAlive()).as("apps alive while the registry is down").isTrue();

            // and the registry comes back on its storage and port
            restartRegistry();

            // then every person is counted once, by apps that never stopped
            FlowwatchSerdes readers = FlowwatchSerdes.forRegistry(CommonSettings.registry(settings));
            try (var valid = CommittedReader.of(readers, settings, Topics.CROSSINGS_VALID);
                 var daily = CommittedReader.of(readers, settings, Topics.ARRIVALS_DAILY)) {
                await().alias("every person counted").atMost(WAIT).until(() -> DailyArrivals.allScope(daily.values()) == people.get());
                assertThat(valid.values()).as("valid crossings, once each").hasSize(40);
                assertThat(DailyArrivals.distinct(valid.values())).hasSize(40);
            }
            assertThat(apps.isAlive()).as("apps alive after the outage").isTrue();
            assertThat(apps.output()).doesNotContain("shutting the app down");
        }
    }

    private void restartRegistry() {
        restarted = EmbeddedRegistry.start(dir.resolve("stack").resolve("registry"), stack.registry().port());
    }

    private static int occurrences(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }

    private static Settings settings(EmbeddedStack stack, Path journal) {
        return new ConfigOptions().load(Map.of(
                "kafka.bootstrap.servers", stack.bootstrapServers(), "registry.url", stack.registryUrl(),
                "post.id", "kornidzor", "post.journal.dir", journal.toString(),
                "post.retry.max.backoff", "1s", "post.heartbeat.interval", "5s", SURGE_SETTING, SURGE_LEVEL));
    }

    /** A post client with its own registry client, as `flowwatch post` makes it: a fresh process knows no schema id. */
    private static PostClient post(Settings settings) {
        return PostClient.start(PostSettings.from(settings), CommonSettings.kafkaClient(settings),
                FlowwatchSerdes.forRegistry(CommonSettings.registry(settings).withRetryFor(Duration.ZERO)), Clock.systemUTC());
    }

    private void record(PostClient post, int crossings) {
        for (int i = 0; i < crossings; i++) {
            int group = 1 + random.nextInt(8);
            post.record(Map.of("people", Integer.toString(group))); // as the officer records it: now, at this post
            people.addAndGet(group);
        }
    }
}
