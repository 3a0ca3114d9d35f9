package org.flowwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Prometheus files are checked by Prometheus' own tool: the scrape config and rules parse, and the rules'
 * unit tests (deploy/prometheus/tests) pass. CI installs promtool (Debian's prometheus package) in .ci/run.
 */
class PromtoolTest {

    private static final Path PROMETHEUS = Path.of("prometheus");

    @BeforeAll
    static void needsPromtool() {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/promtool")),
                "promtool is not installed: apt-get install prometheus (CI's .ci/run does)");
    }

    @Test
    void shouldAcceptTheScrapeConfigAndItsRules() throws Exception {
        // when: syntax only, as the token file the scrape jobs read (/run/secrets/api-token) exists only in a deployment
        Result config = promtool("check", "config", "--syntax-only", "prometheus.yml");
        Result rules = promtool("check", "rules", "rules/flowwatch.rules.yml");

        // then
        assertThat(config.exitCode()).as(config.output()).isZero();
        assertThat(config.output()).contains("SUCCESS");
        assertThat(rules.exitCode()).as(rules.output()).isZero();
        assertThat(rules.output()).contains("SUCCESS: 13 rules found");
    }

    @Test
    void shouldPassEveryRuleUnitTest() throws Exception {
        // when
        Result result = promtool("test", "rules", "tests/flowwatch.rules.test.yml");

        // then
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS").doesNotContain("FAILED");
    }

    private static Result promtool(String... args) throws IOException, InterruptedException {
        Path log = Files.createTempFile("promtool", ".log");
        Process process = new ProcessBuilder(concat("/usr/bin/promtool", args))
                .directory(PROMETHEUS.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.delete(log);
        return new Result(process.exitValue(), output);
    }

    private static List<String> concat(String first, String... rest) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(first), java.util.Arrays.stream(rest)).toList();
    }

    private record Result(int exitCode, String output) {
    }
}
