package org.flowwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReferenceSiteCommandTest {

    @Test
    void shouldRefuseOpeningHoursInOneLineBeforeSendingAnythingWhenNotARange() {
        // when: no broker runs; the value is refused first
        CommandRun run = CommandRun.of("reference", "site", "--id", "agarak", "--name", "Agarak", "--kind", "border_post",
                "--region", "AM-SU", "--opening-hours", "6-18");

        // then
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).doesNotContain("\n")
                .startsWith("flowwatch: --opening-hours: opening hours must be HH:mm-HH:mm (e.g. 06:00-18:00), got '6-18'");
    }

    @Test
    void shouldRefuseAMedianStayThatIsNotPositiveInOneLine() {
        // when
        CommandRun run = CommandRun.of("reference", "site", "--id", "goris", "--name", "Goris", "--kind", "reception_centre",
                "--region", "AM-SU", "--median-stay-hours", "0");

        // then
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).doesNotContain("\n")
                .startsWith("flowwatch: --median-stay-hours: must be more than 0 and at most 8760.0 (a year), got 0.0");
    }
}
