package org.flowwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Bad input to the sites commands is refused before anything is sent: one line naming the flag, exit 2. */
class SitesCommandTest {

    @Test
    void shouldRefuseDepartureOfNobodyNamingPeople() {
        CommandRun run = CommandRun.of("sites", "depart", "--site", "goris", "--people", "0");
        assertRefused(run, "flowwatch: --people: must be 1 or more, got 0 (see: flowwatch sites depart --help)");
    }

    @Test
    void shouldListReasonsWhenDepartureReasonIsUnknown() {
        CommandRun run = CommandRun.of("sites", "depart", "--site", "goris", "--people", "40", "--reason", "tired");
        assertRefused(run, "flowwatch: --reason: must be one of onward, housing, return, other, got 'tired' (see: flowwatch sites depart --help)");
    }

    @Test
    void shouldRefuseConvoyDueBeforeItsAnnouncementNamingEta() {
        CommandRun run = CommandRun.of("sites", "announce", "--site", "goris", "--item", "water", "--quantity", "20000",
                "--unit", "litre", "--convoy", "C-17", "--at", "2023-09-26T08:00:00+04:00", "--eta", "2023-09-26T06:00:00+04:00");
        assertRefused(run, "flowwatch: --eta: the ETA 2023-09-26T02:00:00Z is before the announcement 2023-09-26T04:00:00Z"
                + " (see: flowwatch sites announce --help)");
    }

    @Test
    void shouldRefuseDistributionPeriodEndingBeforeItStartsNamingSince() {
        CommandRun run = CommandRun.of("sites", "supply", "--kind", "distribution", "--site", "vayk", "--item", "food",
                "--quantity", "500000", "--unit", "kcal", "--at", "2023-09-26T08:00:00+04:00", "--since", "2023-09-26T09:00:00+04:00");
        assertRefused(run, "flowwatch: --since: must be before the distribution's time 2023-09-26T04:00:00Z (see: flowwatch sites supply --help)");
    }

    @Test
    void shouldRefuseUnreadableTimeNamingTheFlag() {
        CommandRun run = CommandRun.of("sites", "move", "--kind", "departure", "--from", "goris", "--people", "3", "--at", "yesterday");
        assertRefused(run, "flowwatch: --at: must be a date-time with offset such as 2023-09-26T08:00:00+04:00, got 'yesterday'"
                + " (see: flowwatch sites move --help)");
    }

    @Test
    void shouldRefuseTransferWithoutDestinationNamingTo() {
        CommandRun run = CommandRun.of("sites", "move", "--kind", "transfer", "--from", "goris", "--people", "3");
        assertRefused(run, "flowwatch: --to: required for a transfer: the site people reach (see: flowwatch sites move --help)");
    }

    private static void assertRefused(CommandRun run, String line) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(OneLineErrors.USAGE);
        assertThat(run.err().lines()).containsExactly(line);
        assertThat(run.out()).isEmpty();
    }
}
