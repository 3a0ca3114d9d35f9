package org.flowwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReferenceSiteCommandTest {

    @ParameterizedTest(name = "{2} {3}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            agarak | border_post      | --opening-hours     | 6-18 | flowwatch: --opening-hours: opening hours must be HH:mm-HH:mm (e.g. 06:00-18:00), got '6-18'
            goris  | reception_centre | --median-stay-hours | 0    | flowwatch: --median-stay-hours: must be more than 0 and at most 8760.0 (a year), got 0.0
            """)
    void shouldRefuseAValueOfASiteInOneLineBeforeSendingAnything(String id, String kind, String flag, String value, String refusal) {
        // when: no broker runs; the value is refused first
        CommandRun run = CommandRun.of("reference", "site", "--id", id, "--name", id, "--kind", kind, "--region", "AM-SU", flag, value);

        // then
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).doesNotContain("\n").startsWith(refusal);
    }
}
