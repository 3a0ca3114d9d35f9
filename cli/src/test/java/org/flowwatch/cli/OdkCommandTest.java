package org.flowwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OdkCommandTest {

    @Test
    void shouldNameTheMissingSettingInOneLineWhenNoCentralIsGiven() {
        // when
        CommandRun run = CommandRun.of("odk", "pull", "--once", "--project", "7", "--form", "crossings", "--post", "kornidzor");

        // then
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("flowwatch: setting 'odk.url' is required to pull from ODK Central"
                + " (--set odk.url=... or FLOWWATCH_ODK_URL)");
    }

    @Test
    void shouldSayCentralCannotBeReachedInOneLineWhenPullingOnce(@TempDir Path dir) {
        // when: nothing listens on port 1
        CommandRun run = CommandRun.of("odk", "pull", "--once", "--url", "http://127.0.0.1:1", "--project", "7",
                "--form", "crossings", "--post", "kornidzor", "--set", "odk.user=collector@example.org",
                "--set", "odk.password=s3cret", "--set", "odk.cursor.file=" + dir.resolve("odk.cursor"));

        // then
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).doesNotContain("\n", "s3cret", "\tat ")
                .startsWith("flowwatch: ODK Central at http://127.0.0.1:1 cannot be reached");
    }

    @Test
    void shouldMaskTheCentralPasswordWhenPrintingSettings() {
        // when
        CommandRun run = CommandRun.of("config", "--set", "odk.password=s3cret");

        // then
        assertThat(run.out()).contains("odk.password=****  [flags]").contains("odk.poll.every=1m").doesNotContain("s3cret");
    }
}
