package org.flowwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.flowwatch.embedded.EmbeddedStack;
import org.flowwatch.schemas.avro.MovementKind;
import org.flowwatch.schemas.avro.MovementReason;
import org.flowwatch.schemas.avro.Site;
import org.flowwatch.schemas.avro.SiteMovement;
import org.flowwatch.schemas.avro.SupplyEvent;
import org.flowwatch.schemas.avro.SupplyKind;
import org.flowwatch.schemas.config.Settings;
import org.flowwatch.schemas.topics.TopicAdmin;
import org.flowwatch.schemas.topics.Topics;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** An operator's departures, convoys, distributions and a transit site's median stay reach the sites app's topics as the contracts say. */
@Tag("integration")
@Timeout(120)
class SitesCommandIntegrationTest {

    @Test
    void shouldPublishDepartureConvoyDeliveryDistributionPeriodAndMedianStayWhenOperatorRecordsThem(@TempDir Path dir) throws Exception {
        try (EmbeddedStack stack = EmbeddedStack.start(dir.resolve("stack"), 0, 0)) {
            // given
            Settings settings = new ConfigOptions().load(Map.of("kafka.bootstrap.servers", stack.bootstrapServers(),
                    "registry.url", stack.registryUrl()));
            try (TopicAdmin admin = TopicAdmin.forBootstrap(stack.bootstrapServers())) {
                admin.createMissing(Topics.ALL, (short) 1);
            }
            String[] wired = {"--set", "kafka.bootstrap.servers=" + stack.bootstrapServers(), "--set", "registry.url=" + stack.registryUrl()};
            // when
            List<CommandRun> runs = List.of(
                    run(wired, "sites", "depart", "--site", "goris", "--people", "40", "--reason", "HOUSING", "--at", "2023-09-26T08:00:00+04:00"),
                    run(wired, "sites", "announce", "--site", "goris", "--item", "water", "--quantity", "20000", "--unit", "litre",
                            "--convoy", "C-17", "--at", "2023-09-26T08:00:00+04:00", "--eta", "2023-09-26T14:00:00+04:00"),
                    run(wired, "sites", "supply", "--kind", "delivery", "--convoy", "C-17", "--site", "goris", "--item", "water",
                            "--quantity", "20000", "--unit", "litre", "--at", "2023-09-26T15:00:00+04:00"),
                    run(wired, "sites", "supply", "--kind", "distribution", "--site", "goris", "--item", "water", "--quantity", "9000",
                            "--unit", "litre", "--at", "2023-09-26T20:00:00+04:00", "--since", "2023-09-26T08:00:00+04:00"),
                    run(wired, "reference", "site", "--id", "vayk", "--name", "Vayk", "--kind", "reception_centre",
                            "--region", "AM-VD", "--capacity", "1500", "--median-stay-hours", "18"));
            // then
            assertThat(runs).allSatisfy(run -> assertThat(run.exitCode()).as(run.err()).isZero());
            assertThat(runs.get(0).out()).startsWith("recorded departure of 40 people (event ");
            SiteMovement departure = CommittedTopic.values(settings, Topics.SITE_MOVEMENTS).get(0);
            assertThat(departure.getKind()).isEqualTo(MovementKind.DEPARTURE);
            assertThat(departure.getFromSiteId()).isEqualTo("goris");
            assertThat(departure.getReason()).isEqualTo(MovementReason.HOUSING);
            assertThat(departure.getOccurredAt()).isEqualTo(Instant.parse("2023-09-26T04:00:00Z"));
            List<SupplyEvent> supplies = CommittedTopic.values(settings, Topics.SUPPLIES);
            assertThat(supplies).extracting(SupplyEvent::getKind)
                    .containsExactly(SupplyKind.CONVOY_ANNOUNCED, SupplyKind.DELIVERY, SupplyKind.DISTRIBUTION);
            assertThat(supplies.get(0).getExpectedAt()).isEqualTo(Instant.parse("2023-09-26T10:00:00Z"));
            assertThat(supplies).extracting(SupplyEvent::getConvoyId).containsExactly("C-17", "C-17", null);
            assertThat(supplies.get(2).getPeriodStart()).isEqualTo(Instant.parse("2023-09-26T04:00:00Z"));
            Site vayk = CommittedTopic.values(settings, Topics.SITES).get(0);
            assertThat(vayk.getSiteId()).isEqualTo("vayk");
            assertThat(vayk.getMedianStayHours()).as("the transit model's median stay, set from the CLI").isEqualTo(18.0);
        }
    }

    private static CommandRun run(String[] wired, String... args) {
        String[] all = new String[args.length + wired.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(wired, 0, all, args.length, wired.length);
        return CommandRun.of(all);
    }
}
