package org.flowwatch.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.flowwatch.embedded.EmbeddedStack;
import org.flowwatch.embedded.EmbeddedStackExtension;
import org.flowwatch.embedded.LocalPorts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image works without Docker: its tarball is unpacked layer by layer into a folder and its entrypoint run there
 * through chroot as the image's (non-root) user, as a container runtime would. Runs in the `image` profile, as root.
 */
@Tag("integration")
@Timeout(300)
class ImageIntegrationTest {
    @TempDir
    static Path dir;
    static UnpackedImage image;

    @BeforeAll
    static void unpack() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "unpacking and chroot need root");
        Path tarball = Path.of(System.getProperty("flowwatch.image.tar", "target/flowwatch-image.tar"));
        assertThat(tarball).as("the image tarball (mvn -Pimage package)").exists();
        image = UnpackedImage.unpack(tarball, dir);
    }

    @AfterAll
    static void unmount() throws Exception {
        if (image != null) {
            image.close();
        }
    }

    @Test
    void shouldBeTheImageTheDeploymentsNameRunningTheJarAsANonRootUserWithEveryPortExposed() {
        assertThat(image.manifest().get("RepoTags").get(0).asText()).isEqualTo("flowwatch/flowwatch:0.1.0");
        JsonNode config = image.config();
        assertThat(texts(config.get("Entrypoint"))).containsExactly("/opt/java/bin/java", "-jar", "/app/flowwatch.jar");
        assertThat(config.get("User").asText()).isEqualTo("10001:10001");
        List<String> ports = new ArrayList<>();
        config.get("ExposedPorts").fieldNames().forEachRemaining(ports::add);
        assertThat(ports).containsExactlyInAnyOrder("9400/tcp", "8088/tcp", "8080/tcp", "8090/tcp", "8091/tcp");
    }

    @Test
    void shouldRunFlowwatchOnTheImagesOwnJavaRuntimeAndLibraries() throws Exception {
        UnpackedImage.Result version = image.runEntrypoint("--version");

        assertThat(version.exitCode()).as(version.output()).isZero();
        assertThat(version.output()).contains("flowwatch");
    }

    @Test
    void shouldPrintEverySettingWithItsLaptopDefault() throws Exception {
        UnpackedImage.Result config = image.runEntrypoint("config");

        assertThat(config.exitCode()).as(config.output()).isZero();
        assertThat(config.output()).contains("kafka.bootstrap.servers=127.0.0.1:9092", "ops.port=9400",
                "http.api.token=");
    }

    @Test
    void shouldRefuseABadSettingWithOneLineAndNoStackTrace() throws Exception {
        UnpackedImage.Result refused = image.runEntrypoint("config", "--set", "no.such.setting=1");

        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.output()).contains("no.such.setting").doesNotContain("\tat ");
    }

    @Test
    void shouldKeepKafkaStreamsStateInRocksDbAsTheNonRootUser() throws Exception {
        Path probe = Files.createDirectories(image.root().resolve("probe/org/flowwatch/image"));
        Files.copy(Path.of("target/test-classes/org/flowwatch/image/RocksDbProbe.class"),
                probe.resolve("RocksDbProbe.class"));

        UnpackedImage.Result stored = image.runInside(List.of("/opt/java/bin/java", "-cp", "/app/flowwatch.jar:/probe",
                "org.flowwatch.image.RocksDbProbe", "/var/lib/flowwatch/probe-store"));

        assertThat(stored.exitCode()).as(stored.output()).isZero();
        assertThat(stored.output()).contains("rocksdb read stored");
    }

    @Test
    void shouldAnswerTheComposeHealthcheckWithTheImagesWget() throws Exception {
        HttpServer ready = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ready.createContext("/ready", exchange -> {
            byte[] body = "{\"ready\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        ready.start();
        try {
            // The compose file's healthcheck, pointed at this stand-in for /ready (chroot shares the network).
            UnpackedImage.Result check = image.runInside(List.of("/bin/busybox", "wget", "-q", "-O", "-",
                    "http://127.0.0.1:" + ready.getAddress().getPort() + "/ready"));

            assertThat(check.exitCode()).as(check.output()).isZero();
            assertThat(check.output()).contains("\"ready\":true");
        } finally {
            ready.stop(0);
        }
    }

    @Test
    @ExtendWith(EmbeddedStackExtension.class)
    void shouldCreateTheTopicsAndRunTheStreamsAppsUntilTheHealthcheckSeesThemReady(EmbeddedStack stack) throws Exception {
        String[] connection = {"--set", "kafka.bootstrap.servers=" + stack.bootstrapServers(),
            "--set", "registry.url=" + stack.registryUrl()};
        UnpackedImage.Result topics = image.runEntrypoint(concat(new String[] {"topics", "apply"}, connection));
        assertThat(topics.exitCode()).as(topics.output()).isZero();

        int opsPort = LocalPorts.free("the ops endpoint");
        Path log = Path.of("target", "image-streams.log"); // kept, so a failed run can be read
        Process streams = image.startEntrypoint(log, concat(new String[] {"streams", "run",
            "--set", "streams.state.dir=/var/lib/flowwatch/streams", "--set", "ops.port=" + opsPort,
            "--set", "query.http.port=0", "--set", "sites.query.port=" + LocalPorts.free("the sites query server")}, connection));
        try {
            // The compose healthcheck, run inside the image against the real /ready (503 until the apps are RUNNING).
            await("/ready of the streams apps in the image").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2))
                    .failFast("the streams apps stopped", () -> !streams.isAlive())
                    .untilAsserted(() -> assertThat(image.runInside(List.of("/bin/busybox", "wget", "-q", "-O", "-",
                            "http://127.0.0.1:" + opsPort + "/ready")).exitCode())
                            .as(() -> readLog(log)).isZero());
            assertThat(streams.isAlive()).as(() -> readLog(log)).isTrue();
            await("RocksDB state of the image's user").atMost(Duration.ofSeconds(90))
                    .untilAsserted(() -> assertThat(filesUnder(image.root())).anyMatch(
                            path -> path.contains("/var/lib/flowwatch/streams/") && path.contains("rocksdb")));
        } finally {
            streams.destroy();
            if (!streams.waitFor(60, TimeUnit.SECONDS)) {
                streams.destroyForcibly().waitFor();
            }
        }
    }

    private static String[] concat(String[] first, String[] second) {
        return Stream.concat(Arrays.stream(first), Arrays.stream(second)).toArray(String[]::new);
    }

    private static List<String> filesUnder(Path root) throws IOException {
        try (Stream<Path> files = Stream.concat(Files.walk(root.resolve("var/lib/flowwatch")), Files.walk(root.resolve("tmp")))) {
            return files.map(Path::toString).toList();
        }
    }

    private static String readLog(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "no log: " + e.getMessage();
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }
}
