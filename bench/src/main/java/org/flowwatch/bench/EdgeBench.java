package org.flowwatch.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.flowwatch.producers.journal.CrossingJournal;
import org.flowwatch.producers.journal.JournalSettings;
import org.flowwatch.schemas.avro.CrossingEvent;
import org.flowwatch.schemas.config.CommonSettings;
import org.flowwatch.schemas.config.Settings;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.schemas.topics.Topics;

/**
 * Section 7 (opt-in): the edge footprint. {@code flowwatch post} and {@code flowwatch gateway} each in a JVM of their
 * own, started from the product jar, idle and then under a steady rate of crossings: resident memory, heap after a
 * full GC; bytes on the wire per crossing from a post to the broker, live and when a journal is resent after an
 * outage. Once with the JVM's defaults, once with the small-device flags. The broker is this JVM's, so its meters
 * are read without a byte on the wire, and nothing else talks to it meanwhile.
 */
final class EdgeBench {

    static final String VALUE_SIZE = "crossing record value: Avro, Confluent wire format";
    private static final String POST = "edge-post";
    private static final int GATEWAY_POSTS = 10;
    private static final long LIMIT_SECONDS = 120;
    private static final double MIB = 1024 * 1024;
    private static final double TRICKLE_RATE = 2;
    private static final Duration TRICKLE = Duration.ofSeconds(5);
    private static final Pattern LISTENING = Pattern.compile("gateway listening on http://[^:\\s]+:(\\d+)");

    /** A JVM configuration the apps run under. */
    record Profile(String key, String label, List<String> flags) {
    }

    private final EdgeSettings edge;
    private final Section section;
    private final BrokerTraffic traffic = new BrokerTraffic(Topics.CROSSINGS.name());
    private final List<Figures> figures = new ArrayList<>();
    private Map<String, String> wiring;

    EdgeBench(EdgeSettings edge, Section section) {
        this.edge = edge;
        this.section = section;
    }

    List<Figures> run() throws Exception {
        try (BenchStack stack = section.startStack("broker")) {
            Settings wired = stack.settings(Map.of());
            wiring = ChildJvm.settingsUnder(wired, List.of("kafka.", "registry."));
            FlowwatchSerdes serdes = FlowwatchSerdes.forRegistry(CommonSettings.registry(wired));
            section.report("edge: post and gateway in JVMs of their own (" + edge.launcher() + ")");
            add(VALUE_SIZE, "bytes", new EdgeCrossings(List.of(POST)).meanValueBytes(serdes));
            for (Profile profile : List.of(new Profile("default", "default JVM", List.of()),
                    new Profile("small", String.join(" ", edge.smallJvmFlags()), edge.smallJvmFlags()))) {
                boolean wire = profile.flags().isEmpty(); // bytes on the wire do not depend on the JVM's flags
                post(profile, wire);
                gateway(profile, wire);
                resend(profile, wire);
            }
        }
        return figures;
    }

    /** A post recording crossings from a tablet's feed on its standard input ({@code post record --input -}). */
    private void post(Profile profile, boolean wire) throws Exception {
        Path log = section.path("post-" + profile.key() + ".log");
        List<String> args = List.of("post", "record", "--post", POST, "--journal", section.path("journal-" + profile.key()).toString(), "--input", "-");
        try (ChildJvm post = ChildJvm.start("post", profile.flags(), edge.productJar(), args, wiring, log)) {
            TabletFeed feed = new TabletFeed(post.stdin());
            BrokerTraffic.Reading load = measure("post", profile, post, log, feed, edge.postRate(), List.of(POST));
            if (wire) {
                add(String.format("post -> broker: bytes per crossing at %,.0f/s", edge.postRate()), "bytes", load.bytesIn() / load.records());
                add(String.format("post: crossings per produce request at %,.0f/s", edge.postRate()), "crossings", load.records() / load.produceRequests());
                // A real post records a crossing every few seconds at most: each one goes alone to the broker.
                BrokerTraffic.Reading alone = paced(post, log, feed, new EdgeCrossings(List.of(POST)), TRICKLE_RATE, TRICKLE).traffic();
                String pace = String.format("one at a time (%,.0f/s)", TRICKLE_RATE);
                add("post -> broker: bytes per crossing, " + pace, "bytes", alone.bytesIn() / alone.records());
                add("post -> broker: record-batch bytes per crossing, " + pace, "bytes", alone.recordBatchBytes() / alone.records());
                add("post: crossings per produce request, " + pace, "crossings", alone.records() / alone.produceRequests());
                add("broker -> post: bytes per crossing (acknowledgements), " + pace, "bytes", alone.bytesOut() / alone.records());
            }
            post.stdin().close(); // end of the feed: the post drains what is left and exits
            if (!post.awaitExit(LIMIT_SECONDS).equals(Optional.of(0))) {
                throw new IllegalStateException("the post did not end cleanly after its feed closed; its log: " + log);
            }
        }
    }

    /** A tablet's export arriving line by line: one JSON object per crossing on the post's standard input. */
    private record TabletFeed(OutputStream stdin) implements MemoryPhase.CrossingSink {

        @Override
        public void send(CrossingEvent crossing) throws IOException {
            stdin.write((EdgeCrossings.json(crossing) + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        }

        @Override
        public void finish() {
            // the post takes each line as it comes; the broker's meters tell when it has sent them
        }
    }

    /** The gateway taking phones' crossings over HTTP for {@value #GATEWAY_POSTS} posts. */
    private void gateway(Profile profile, boolean wire) throws Exception {
        Path log = section.path("gateway-" + profile.key() + ".log");
        Map<String, String> tokens = new LinkedHashMap<>();
        for (int i = 0; i < GATEWAY_POSTS; i++) {
            tokens.put("edge-gateway-post-" + i, "bench-edge-" + UUID.randomUUID());
        }
        Path tokensFile = Files.writeString(section.path("tokens-" + profile.key()), tokens.entrySet().stream()
                .map(token -> token.getKey() + " " + token.getValue() + "\n").collect(Collectors.joining()));
        Map<String, String> settings = new LinkedHashMap<>(wiring);
        settings.put("gateway.tokens.file", tokensFile.toString());
        try (ChildJvm gateway = ChildJvm.start("gateway", profile.flags(), edge.productJar(),
                List.of("gateway", "--port", "0", "--ops-port", "0"), settings, log)) {
            GatewayLoad phones = new GatewayLoad(listeningPort(gateway, log), tokens);
            BrokerTraffic.Reading load = measure("gateway", profile, gateway, log, phones, edge.gatewayRate(), List.copyOf(tokens.keySet()));
            if (wire) {
                add(String.format("gateway -> broker: bytes per crossing at %,.0f/s", edge.gatewayRate()), "bytes", load.bytesIn() / load.records());
                add(String.format("gateway: crossings per produce request at %,.0f/s", edge.gatewayRate()), "crossings",
                        load.records() / load.produceRequests());
            }
        }
    }

    /**
     * Idle after one crossing (started, connected), then crossings at {@code rate}: RSS at rest and under load (median
     * of samples), peak RSS, heap after a full GC and the largest heap allowed; returns the broker's meters over the load.
     */
    private BrokerTraffic.Reading measure(String app, Profile profile, ChildJvm child, Path log, MemoryPhase.CrossingSink sink,
                                          double rate, List<String> posts) throws Exception {
        EdgeCrossings crossings = new EdgeCrossings(posts);
        BrokerTraffic.Reading start = traffic.read();
        sink.send(crossings.next(Instant.ofEpochMilli(System.currentTimeMillis())));
        sink.finish();
        awaitRecords(start.records() + 1, child, log);
        MemoryPhase.Result rest = MemoryPhase.idle(child, edge.rest(), log);
        Paced load = paced(child, log, sink, crossings, rate, edge.load());
        String name = app + ", " + profile.label() + ": ";
        add(name + "RSS at rest (median)", "MiB", rest.medianMib());
        add(name + String.format("RSS under %,.0f crossings/s (median)", rate), "MiB", load.memory().medianMib());
        add(name + "peak RSS since start (VmHWM)", "MiB", child.peakRssBytes() / MIB);
        add(name + "heap used after full GC, after the load", "MiB", child.heapUsedAfterGcBytes() / MIB);
        add(name + "largest heap allowed (MaxHeapSize)", "MiB", child.maxHeapBytes() / MIB);
        add(name + String.format("crossings/s taken under load (target %,.0f)", rate), "crossings/s", load.memory().perSecond());
        section.report(String.format("  (RSS samples: at rest %.0f-%.0f MiB, under load %.0f-%.0f MiB)", rest.samples().min(),
                rest.samples().max(), load.memory().samples().min(), load.memory().samples().max()));
        return load.traffic();
    }

    private record Paced(MemoryPhase.Result memory, BrokerTraffic.Reading traffic) {
    }

    /** Crossings at {@code rate} for {@code length}: the child's RSS meanwhile, and the broker's meters once it has them all. */
    private Paced paced(ChildJvm child, Path log, MemoryPhase.CrossingSink sink, EdgeCrossings crossings, double rate, Duration length)
            throws Exception {
        BrokerTraffic.Reading before = traffic.read();
        MemoryPhase.Result memory = MemoryPhase.paced(child, length, new Pacer(rate), crossings, sink, log);
        sink.finish();
        awaitRecords(before.records() + memory.sent(), child, log);
        return new Paced(memory, traffic.read().minus(before));
    }

    /**
     * A post that was offline: its journal holds {@code bench.edge.resend.crossings} crossings (written here, as the post
     * would have), and {@code post send} drains them in batches of {@code post.send.batch}.
     */
    private void resend(Profile profile, boolean wire) throws Exception {
        Path journalDir = section.path("resend-journal-" + profile.key());
        EdgeCrossings crossings = new EdgeCrossings(List.of(POST));
        try (CrossingJournal journal = CrossingJournal.open(JournalSettings.in(journalDir))) {
            for (int i = 0; i < edge.resendCrossings(); i++) {
                journal.append(crossings.next(Instant.ofEpochMilli(System.currentTimeMillis())));
            }
        }
        Path log = section.path("resend-" + profile.key() + ".log");
        BrokerTraffic.Reading before = traffic.read();
        long started = System.nanoTime();
        try (ChildJvm post = ChildJvm.start("post", profile.flags(), edge.productJar(),
                List.of("post", "send", "--post", POST, "--journal", journalDir.toString()), wiring, log)) {
            awaitRecords(before.records() + edge.resendCrossings(), post, log);
            double seconds = (System.nanoTime() - started) / 1e9;
            BrokerTraffic.Reading resent = traffic.read().minus(before);
            String what = String.format("journal resend of %,d crossings after an outage", edge.resendCrossings());
            add("post, " + profile.label() + ": peak RSS through a " + what, "MiB", post.peakRssBytes() / MIB);
            section.report(String.format("  (resend: %,d crossings on the topic %.1f s after the post started)", edge.resendCrossings(), seconds));
            if (wire) {
                add("post -> broker: bytes per crossing, " + what + " (start-up included)", "bytes", resent.bytesIn() / resent.records());
                add("post -> broker: record-batch bytes per crossing, " + what, "bytes", resent.recordBatchBytes() / resent.records());
                add("post: crossings per produce request, " + what, "crossings", resent.records() / resent.produceRequests());
            }
        }
    }

    private void add(String name, String unit, double value) {
        Figures figure = new Figures(name, unit, List.of(value));
        figures.add(figure);
        section.report(String.format("  %s: %,.1f %s", name, value, unit));
    }

    private void awaitRecords(double records, ChildJvm child, Path log) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(LIMIT_SECONDS);
        while (traffic.read().records() < records) {
            MemoryPhase.requireAlive(child, log);
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the " + child.what() + " did not deliver every crossing to the broker; its log: " + log);
            }
            TimeUnit.MILLISECONDS.sleep(50); // reading the broker's meters in this JVM, no request to it
        }
    }

    private static int listeningPort(ChildJvm gateway, Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(LIMIT_SECONDS);
        while (true) {
            MemoryPhase.requireAlive(gateway, log);
            Matcher listening = LISTENING.matcher(Files.exists(log) ? Files.readString(log) : "");
            if (listening.find()) {
                return Integer.parseInt(listening.group(1));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the gateway did not say where it listens; its log: " + log);
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }
}
