package org.flowwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The README's demo, end to end in-process: real broker, real registry, streams app, replay and counts. */
@Tag("integration")
@Timeout(180)
class DemoCommandIntegrationTest {

    @Test
    void shouldCountEveryPersonReplayedWhenTheDemoRunsToTheEnd(@TempDir Path dir) {
        // when
        CommandRun run = CommandRun.of("demo", "--exit-after-replay", "--hours", "4", "--speed", "0",
                "--kafka-port", "0", "--registry-port", "0", "--ops-port", "0", "--query-port", "0", "--dashboard-port", "0", "--data-dir", dir.toString());

        // then
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Streams apps RUNNING (exactly_once_v2)").contains("kornidzor")
                .containsPattern("Dashboard on http://127.0.0.1:\\d+/")
                .containsPattern("Counted ([\\d,]+) of \\1 people sent");
    }

    @Test
    void shouldSayWhichPortIsTakenAndHowToChooseAnotherWhenTheBrokerPortIsBusy(@TempDir Path dir) throws Exception {
        // given
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();

            // when
            CommandRun run = CommandRun.of("demo", "--kafka-port", String.valueOf(port), "--registry-port", "0",
                    "--ops-port", "0", "--query-port", "0", "--dashboard-port", "0", "--data-dir", dir.toString());

            // then
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err().strip()).isEqualTo("flowwatch: port " + port
                    + " for kafka is already in use: stop what uses it, or choose another port with --kafka-port PORT");
        }
    }
}
