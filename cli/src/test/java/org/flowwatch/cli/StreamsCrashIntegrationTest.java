package org.flowwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.flowwatch.embedded.EmbeddedStack;
import org.flowwatch.producers.reference.SiteReferenceData;
import org.flowwatch.producers.reference.SphereItems;
import org.flowwatch.producers.replay.ScenarioReplay;
import org.flowwatch.schemas.avro.Alert;
import org.flowwatch.schemas.avro.AlertKind;
import org.flowwatch.schemas.avro.AlertState;
import org.flowwatch.schemas.avro.CrossingEvent;
import org.flowwatch.schemas.avro.Direction;
import org.flowwatch.schemas.avro.Item;
import org.flowwatch.schemas.avro.Site;
import org.flowwatch.schemas.avro.SiteKind;
import org.flowwatch.schemas.avro.SupplyEvent;
import org.flowwatch.schemas.avro.SupplyKind;
import org.flowwatch.schemas.config.CommonSettings;
import org.flowwatch.schemas.config.Settings;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.schemas.topics.TopicAdmin;
import org.flowwatch.schemas.topics.Topics;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Exactly-once through crashes, counts and alerts: both streams apps run as one real child process
 * ({@code flowwatch streams run --app all}), are killed with SIGKILL at points drawn from a seed while they work
 * through two replays (two posts in two regions), and restarted on the same state directory. The sites ledger runs on
 * two partitions, as in Kubernetes: each is a task with its own order and clock, and the oracles follow each apart. At the end every valid
 * crossing is on the valid topic exactly once, every hourly, daily and rolling count of every post, region and the operation
 * equals what the replays sent ({@link ExpectedCounts}), and every change of every alert episode on the alerts topic
 * is one the sites topology makes from the same inputs with no crash (see {@link AlertOracle}): none lost, none
 * written twice; and every SURGE and CAPACITY change is the one its rule gives from the committed inputs, worked out
 * apart from the topology ({@link SurgeOracle}, {@link SitesOracle}). Seed 1 by default (the README test command has a 20-minute budget); {@code -Dflowwatch.faults.seeds=N} runs 1..N. Seed 1 is the
 * one that found window-store changelogs deleted by the broker's clock under replayed event time (docs/reliability.md).
 */
@Tag("integration")
@Timeout(600)
class StreamsCrashIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(90);
    /** Kills per seed: 2 in the default build, {@code -Dflowwatch.faults.kills=10} spreads 10 over a slower replay. */
    private static final int KILLS_PER_SEED = Integer.getInteger("flowwatch.faults.kills", 2);
    /** How long the replay lasts: 20 s for two kills, 20 s more for each kill after (a kill and restart take 6-12 s). */
    private static final Duration REPLAY = Duration.ofSeconds(20L * Math.max(1, KILLS_PER_SEED - 1));
    /**
     * Partitions of the sites ledger: 2 by default, as Kubernetes runs it (Goris and Vayk are on one, Sisian on the
     * other); {@code -Dflowwatch.faults.ledger.partitions=1} runs it as the demo and compose do.
     */
    private static final int LEDGER_PARTITIONS = Integer.getInteger("flowwatch.faults.ledger.partitions", 2);
    /** The longest pause after processing resumes before a kill: the kills spread over the replay. */
    private static final int KILL_WITHIN_MS = (int) Math.max(3_000, REPLAY.toMillis() / KILLS_PER_SEED - 8_000);

    static LongStream seeds() {
        return LongStream.rangeClosed(1, Long.getLong("flowwatch.faults.seeds", 1));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void shouldCountEveryPersonOnceAndRaiseEveryEpisodeOnceWhenTheStreamsProcessIsKilledMidRun(long seed, @TempDir Path dir)
            throws Exception {
        try (EmbeddedStack stack = EmbeddedStack.start(dir.resolve("stack"), 0, 0)) {
            // given the topics, the 2023 sites, and the six busiest hours of 26 September at Kornidzor (Syunik; about
            // 7,000 people in 1,600 groups, 2 % resent, with the sites' supplies) arriving over about 20 s, and beside
            // them three of those hours at a second post in another region (Gogavan, Lori, added for the test, sending
            // people to Sisian, on the other ledger partition; Gogavan's crossings and Sisian's supplies share an input
            // partition, so the water count is always read before the people who arrive after it)
            Settings settings = replaySettings(stack, seed, Map.of());
            try (TopicAdmin admin = new TopicAdmin(CommonSettings.kafkaClient(settings))) {
                admin.createMissing(Topics.ALL, (short) 1);
            }
            ReferenceCommand.publishDefaults(settings);
            ReferenceCommand.publish(settings, reference -> {
                reference.site(GOGAVAN);
                reference.supply(SISIAN_WATER_COUNT);
            });
            CompletableFuture<ScenarioReplay.Sent> kornidzor = CompletableFuture.supplyAsync(() -> replay(settings));
            CompletableFuture<ScenarioReplay.Sent> gogavan = CompletableFuture.supplyAsync(() -> replay(replaySettings(stack, seed,
                    Map.of("replay.post", GOGAVAN.getSiteId(), "replay.hours", "3", "replay.destinations", "sisian", "replay.supplies", "false",
                            "replay.departures", "false", "replay.seed", Long.toString(4046 + seed)))));
            FlowwatchSerdes serdes = FlowwatchSerdes.forRegistry(CommonSettings.registry(settings));

            // when the apps are killed at moments drawn from the seed, each time while they process and the replay
            // still flows in
            Random random = new Random(seed);
            List<Integer> validAtKill = new ArrayList<>();
            try (var valid = CommittedReader.of(serdes, settings, Topics.CROSSINGS_VALID);
                 var daily = CommittedReader.of(serdes, settings, Topics.ARRIVALS_DAILY);
                 var hourly = CommittedReader.of(serdes, settings, Topics.ARRIVALS_HOURLY);
                 var rolling = CommittedReader.of(serdes, settings, Topics.ARRIVALS_ROLLING);
                 var alerts = CommittedReader.of(serdes, settings, Topics.ALERT_EVENTS)) {
                for (int kill = 0; kill < KILLS_PER_SEED; kill++) {
                    int before = DailyArrivals.distinct(valid.values()).size();
                    try (StreamsChildProcess apps = startApps(stack, dir)) {
                        // once the apps are seen processing (a kill during start or restore happens too: the test
                        // cannot see the moment processing begins, so the first records may be in flight)
                        await().alias("processing again after " + before + " valid crossings").atMost(WAIT)
                                .until(() -> DailyArrivals.distinct(valid.values()).size() > before);
                        long killAfter = random.nextInt(KILL_WITHIN_MS);
                        await().alias(killAfter + " ms more before the kill").pollDelay(Duration.ofMillis(killAfter))
                                .atMost(Duration.ofMillis(killAfter + 5_000)).until(apps::isAlive);
                        apps.kill();
                        validAtKill.add(DailyArrivals.distinct(valid.values()).size());
                    }
                }
                long replayLeft = WAIT.plus(REPLAY).toSeconds();
                Sent sent = new Sent(kornidzor.get(replayLeft, TimeUnit.SECONDS), gogavan.get(replayLeft, TimeUnit.SECONDS));
                assertThat(sent.resends()).as("the replays resent some crossings").isPositive();
                assertThat(validAtKill).as("killed mid-run, before all %d groups were through", sent.groups())
                        .allSatisfy(count -> assertThat(count).isLessThan(Math.toIntExact(sent.groups())));

                // and run to the end once more
                try (StreamsChildProcess apps = startApps(stack, dir)) {
                    await().alias("every person counted").atMost(WAIT.multipliedBy(2)).untilAsserted(() -> {
                        assertThat(valid.values()).as("valid crossings").hasSizeGreaterThanOrEqualTo(Math.toIntExact(sent.groups()));
                        assertThat(DailyArrivals.allScope(daily.values())).as("people in the daily counts").isGreaterThanOrEqualTo(sent.people());
                    });
                    // (the oracle runs on the sites app's committed inputs as they stand: again, until the app has
                    // written all of them and they give what it raised)
                    AtomicInteger oracleRuns = new AtomicInteger();
                    List<Alert> expected = new ArrayList<>();
                    await().alias("every change of every episode the oracle makes").atMost(WAIT).pollInterval(Duration.ofSeconds(3))
                            .untilAsserted(() -> {
                                expected.clear();
                                expected.addAll(AlertOracle.alertsFor(settings, serdes, dir.resolve("oracle-" + oracleRuns.incrementAndGet())));
                                assertThat(AlertOracle.changes(alerts.values())).isEqualTo(AlertOracle.changes(expected));
                            });

                    // then: exactly the ground truth, every valid crossing once on the valid topic
                    System.out.printf("seed %d: valid %d distinct %d valid arrivals %d groups %d people %d daily %d%n", seed,
                            valid.values().size(), DailyArrivals.distinct(valid.values()).size(), valid.values().stream()
                                    .filter(c -> c.getDirection() == Direction.ARRIVAL).mapToLong(CrossingEvent::getPeople).sum(),
                            sent.groups(), sent.people(), DailyArrivals.allScope(daily.values()));
                    assertThat(DailyArrivals.allScope(daily.values())).as("people counted; crossings on the valid topic twice: %s",
                            twice(valid.records())).isEqualTo(sent.people());
                    assertThat(valid.values()).hasSize(Math.toIntExact(sent.groups()));
                    assertThat(DailyArrivals.distinct(valid.values())).hasSize(valid.values().size());
                    // and every hourly and daily count of every post, region and the operation is what was sent there
                    Map<String, Long> expectedCounts = ExpectedCounts.from(regionOfPost(), sent.kornidzor().truth(),
                            sent.gogavan().truth());
                    await().alias("every hourly and daily count").atMost(WAIT).untilAsserted(() -> {
                        assertThat(ExpectedCounts.counted(hourly.values())).as("hourly counts")
                                .isEqualTo(filter(expectedCounts, "/HOUR/"));
                        assertThat(ExpectedCounts.counted(daily.values())).as("daily counts").isEqualTo(filter(expectedCounts, "/DAY/"));
                    });
                    // and every latest rolling figure (last hour, last 24 h) is what was sent in its window
                    await().alias("every rolling figure").atMost(WAIT).untilAsserted(() -> assertThat(ExpectedCounts.rolling(
                                    rolling.values(), regionOfPost(), sent.kornidzor().truth(), sent.gogavan().truth()))
                            .as("rolling figures, counted / sent").hasSizeGreaterThanOrEqualTo(10)
                            .allSatisfy((key, figure) -> assertThat(figure.split(" / ")[0]).as(key).isEqualTo(figure.split(" / ")[1])));
                    assertThat(expectedCounts.keySet()).as("counts of two posts in two regions")
                            .anyMatch(key -> key.startsWith("region/AM-SU/")).anyMatch(key -> key.startsWith("region/AM-LO/"));

                    // and the same episodes (kind/site or post/item/opening) as with no crash, each opened once,
                    // no change of an episode written twice
                    List<Alert> raised = alerts.values().stream().filter(alert -> alert.getKind() != AlertKind.POST_SILENT).toList();
                    assertThat(AlertOracle.episodes(expected)).as("the replay raises alerts").isNotEmpty();
                    assertThat(AlertOracle.episodes(raised)).as("episodes after %d kills", KILLS_PER_SEED).isEqualTo(AlertOracle.episodes(expected));
                    assertThat(raised.stream().filter(alert -> alert.getState() == AlertState.OPEN).map(Alert::getAlertId))
                            .as("each episode opened once").doesNotHaveDuplicates();
                    assertThat(raised.stream().map(alert -> alert.getAlertId() + " v" + alert.getVersion()))
                            .as("each change of an episode once").doesNotHaveDuplicates();
                    // (and every change of every episode, OPEN, ESCALATED, DE_ESCALATED, RESOLVED, is the oracle's: above)
                    // and every SURGE change, with the people in the last hour it reports, is what the rule gives from
                    // the committed inputs, worked out apart from the topology
                    List<LedgerInputs> ledger = LedgerInputs.committed(settings, serdes);
                    assertThat(SurgeOracle.raised(alerts.values())).as("SURGE changes").isNotEmpty()
                            .isEqualTo(SurgeOracle.changes(settings, LedgerInputs.surgeArrivals(settings, serdes, ledger), regionOfPost()));
                    // and every CAPACITY change, and every SHORTAGE and RUN_OUT change of Sisian's water (counted
                    // once as Gogavan's people arrive), with the people at the site each reports, likewise (each
                    // ledger partition with its own clock, and both at work)
                    assertThat(ledger).as("ledger partitions with inputs").hasSize(LEDGER_PARTITIONS);
                    SitesOracle oracle = SitesOracle.over(ledger, settings, sitesById(), Map.of("sisian/water", WATER));
                    assertThat(SitesOracle.raised(alerts.values(), AlertKind.CAPACITY)).as("CAPACITY changes").isNotEmpty()
                            .isEqualTo(oracle.capacityChanges());
                    assertThat(sisianWater(alerts.values(), AlertKind.SHORTAGE)).as("SHORTAGE changes of Sisian's water")
                            .isEqualTo(oracle.shortageChanges());
                    assertThat(oracle.shortageChanges().values()).as("Sisian's water opens and escalates")
                            .anySatisfy(changes -> assertThat(changes).hasSizeGreaterThanOrEqualTo(2));
                    // and every RUN_OUT change of Sisian's water, projected from the people there and the trend
                    assertThat(sisianWater(alerts.values(), AlertKind.RUN_OUT)).as("RUN_OUT changes of Sisian's water")
                            .isNotEmpty().isEqualTo(oracle.runOutChanges());
                    System.out.printf("seed %d: %d kills (valid crossings at each: %s), %d people, %d episodes %s%n",
                            seed, KILLS_PER_SEED, validAtKill, sent.people(), AlertOracle.episodes(raised).size(),
                            AlertOracle.changes(raised));
                }
            }
        }
    }

    /** Each crossing on the valid topic more than once, with where each copy sits (partition@offset, timestamp). */
    private static Map<String, List<String>> twice(List<ConsumerRecord<String, CrossingEvent>> valid) {
        Map<String, List<String>> copies = new TreeMap<>();
        valid.forEach(record -> copies.computeIfAbsent(record.value().getEventId().toString(), id -> new ArrayList<>())
                .add(record.partition() + "@" + record.offset() + " t=" + record.timestamp()));
        copies.values().removeIf(where -> where.size() < 2);
        return copies;
    }

    private static final Site GOGAVAN = Site.newBuilder().setSiteId("gogavan").setName("Gogavan border crossing")
            .setKind(SiteKind.BORDER_POST).setAdm1Code("AM-LO").setAdm1Name("Lori").setReceptionSiteId("sisian").build();

    /** What the two replays sent together. */
    private record Sent(ScenarioReplay.Sent kornidzor, ScenarioReplay.Sent gogavan) {
        long groups() {
            return kornidzor.groups() + gogavan.groups();
        }

        long people() {
            return kornidzor.people() + gogavan.people();
        }

        long resends() {
            return kornidzor.resends() + gogavan.resends();
        }
    }

    private static Settings replaySettings(EmbeddedStack stack, long seed, Map<String, String> more) {
        Map<String, String> settings = new HashMap<>(Map.of(
                "kafka.bootstrap.servers", stack.bootstrapServers(), "registry.url", stack.registryUrl(),
                "replay.start", "2023-09-26T08:00:00+04:00", "replay.hours", "6",
                "replay.speed", Long.toString(Duration.ofHours(6).toSeconds() / REPLAY.toSeconds()),
                "replay.resend.share", "0.02", "replay.seed", Long.toString(2023 + seed),
                "sites.ledger.partitions", Integer.toString(LEDGER_PARTITIONS)));
        settings.putAll(more);
        return new ConfigOptions().load(settings);
    }

    private static Map<String, Long> filter(Map<String, Long> counts, String granularity) {
        Map<String, Long> some = new TreeMap<>(counts);
        some.keySet().removeIf(key -> !key.contains(granularity));
        return some;
    }

    private static Function<String, String> regionOfPost() {
        Map<String, String> regions = new HashMap<>(Map.of(GOGAVAN.getSiteId(), GOGAVAN.getAdm1Code()));
        SiteReferenceData.scenario2023().forEach(site -> regions.put(site.getSiteId(), site.getAdm1Code()));
        return regions::get;
    }

    private static final Item WATER = SphereItems.minimums().stream().filter(item -> item.getItemId().equals("water"))
            .findFirst().orElseThrow();

    /**
     * 40,000 L of water counted at Sisian as Gogavan opens: 3 days of cover for 889 people at 15 L, 1 day for 2,667,
     * so the about 3,900 people Gogavan sends there in three hours take it to WARNING and then CRITICAL.
     */
    private static final SupplyEvent SISIAN_WATER_COUNT = SupplyEvent.newBuilder().setEventId(java.util.UUID.randomUUID())
            .setSiteId("sisian").setItem("water").setKind(SupplyKind.STOCK_COUNT).setQuantity(40_000).setUnit("litre")
            .setOccurredAt(java.time.Instant.parse("2023-09-26T04:00:00Z")).setRecordedAt(java.time.Instant.parse("2023-09-26T04:00:00Z"))
            .build();

    private static Map<String, List<String>> sisianWater(List<Alert> alerts, AlertKind kind) {
        Map<String, List<String>> changes = new TreeMap<>(SitesOracle.raised(alerts, kind));
        changes.keySet().removeIf(alertId -> !alertId.startsWith(kind + "/sisian/water/"));
        return changes;
    }

    private static Map<String, Site> sitesById() {
        Map<String, Site> sites = new HashMap<>(Map.of(GOGAVAN.getSiteId(), GOGAVAN));
        SiteReferenceData.scenario2023().forEach(site -> sites.put(site.getSiteId(), site));
        return sites;
    }

    private static StreamsChildProcess startApps(EmbeddedStack stack, Path dir) throws java.io.IOException {
        // The oracle reads the sites app's ledger inputs back from its repartition topic: keep them there.
        return StreamsChildProcess.start(List.of(), "all", stack.bootstrapServers(), stack.registryUrl(), dir.resolve("state"),
                List.of(AlertOracle.keepLedgerInputs(), "sites.ledger.partitions=" + LEDGER_PARTITIONS));
    }

    private static ScenarioReplay.Sent replay(Settings settings) {
        try {
            return ReplayCommand.replay(settings, (hour, people) -> { });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("replay interrupted", e);
        }
    }
}
