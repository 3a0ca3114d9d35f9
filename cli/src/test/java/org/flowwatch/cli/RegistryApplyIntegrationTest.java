package org.flowwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.flowwatch.embedded.EmbeddedRegistry;
import org.flowwatch.schemas.serde.RegistryPlan;
import org.flowwatch.schemas.topics.Topics;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code flowwatch registry apply} against the real registry the demo runs. */
@Tag("integration")
@Timeout(120)
class RegistryApplyIntegrationTest {

    @Test
    void shouldRegisterEveryContractOnceAndChangeNothingWhenAppliedAgain(@TempDir Path dir) {
        try (EmbeddedRegistry registry = EmbeddedRegistry.start(dir, 0)) {
            // given
            String url = "registry.url=" + registry.url();
            int subjects = RegistryPlan.contracts(Topics.ALL).size();

            // when a dry run plans
            CommandRun dryRun = CommandRun.of("registry", "apply", "--dry-run", "--set", url);

            // then it prints a register and a compatibility line per subject and changes nothing
            assertThat(dryRun.exitCode()).isZero();
            assertThat(dryRun.out()).contains("register flowwatch.crossings.v1-value (CrossingEvent)",
                    "compatibility flowwatch.crossings.v1-value: ",
                    "registry: dry run, " + 2 * subjects + " change(s) planned, nothing changed");

            // when applied, then applied again
            CommandRun apply = CommandRun.of("registry", "apply", "--set", url);
            CommandRun again = CommandRun.of("registry", "apply", "--set", url);

            // then
            assertThat(apply.exitCode()).isZero();
            assertThat(apply.out().lines().filter(line -> line.startsWith("register "))).hasSize(subjects);
            assertThat(apply.out()).contains("registry: " + 2 * subjects + " change(s) applied");
            assertThat(again.exitCode()).isZero();
            assertThat(again.out().strip()).isEqualTo("registry: nothing changed (" + subjects + " subjects checked)");
        }
    }
}
