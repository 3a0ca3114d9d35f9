package org.flowwatch.consumers.webhook;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.schemas.serde.RegistrySettings;

/**
 * The dispatcher the tests run: in the test's JVM, or ({@link #startChild}) in a child JVM that a test kills with
 * SIGKILL, a crash with nothing closed and nothing committed.
 */
final class TestDispatchers {

    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

    /** Where a dispatcher reads and delivers: one endpoint, the test's receiver, for one site's alerts. */
    record Target(String bootstrapServers, String registryUrl, String receiverUrl, String endpointName, String site,
                  String groupPrefix) {

        List<String> asArgs() {
            return List.of(bootstrapServers, registryUrl, receiverUrl, endpointName, site, groupPrefix);
        }

        static Target of(String[] args) {
            return new Target(args[0], args[1], args[2], args[3], args[4], args[5]);
        }
    }

    private TestDispatchers() {
    }

    static AlertDispatcher start(Target target, RetryPolicy retry, MeterRegistry metrics) {
        UrlPolicy loopbackAllowed = new UrlPolicy(true, false);
        List<Endpoint> endpoints = EndpointsFile.parse("""
                endpoints:
                  - name: %s
                    url: %s
                    secret: %s
                    ratePerSecond: 50
                    filter: {sites: [%s]}
                """.formatted(target.endpointName(), target.receiverUrl(), SECRET, target.site()), loopbackAllowed);
        // A killed dispatcher leaves no goodbye: its group notices within seconds, not the default 45 s.
        Map<String, Object> kafka = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, target.bootstrapServers(),
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 6000, ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 1000);
        DispatchSettings settings = new DispatchSettings(kafka,
                RegistrySettings.of(target.registryUrl()), Optional.empty(), target.groupPrefix(), "earliest", REQUEST_TIMEOUT,
                retry, loopbackAllowed);
        FlowwatchSerdes serdes = FlowwatchSerdes.forRegistry(RegistrySettings.of(target.registryUrl()));
        return AlertDispatcher.start(settings, endpoints, serdes, new DispatchMetrics(metrics));
    }

    /** Quick attempts 100 ms apart, then parked; at most 300 ms between parked attempts. */
    static RetryPolicy quickRetries(Duration giveUpAfter) {
        return new RetryPolicy(new Backoff(Duration.ofMillis(100), Duration.ofMillis(300), RandomGenerator.getDefault()),
                3, Duration.ofSeconds(2), giveUpAfter);
    }

    /** A dispatcher for {@code target} in a child JVM (its output under target/crash-test). */
    static Process startChild(Target target) throws IOException {
        Path log = Files.createTempFile(Files.createDirectories(Path.of("target", "crash-test")), "dispatcher", ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), TestDispatchers.class.getName()));
        command.addAll(target.asArgs());
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** The child: dispatches for the target given as arguments until it is killed. */
    public static void main(String[] args) throws InterruptedException {
        AlertDispatcher dispatcher = start(Target.of(args), quickRetries(Duration.ofHours(1)), new SimpleMeterRegistry());
        dispatcher.awaitStopped();
    }
}
