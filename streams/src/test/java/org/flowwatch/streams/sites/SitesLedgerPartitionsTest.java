package org.flowwatch.streams.sites;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowwatch.schemas.testing.CrossingBuilder.T0;
import static org.flowwatch.schemas.testing.CrossingBuilder.aCrossing;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.flowwatch.schemas.avro.MovementKind;
import org.flowwatch.schemas.avro.SiteHandover;
import org.flowwatch.schemas.avro.SiteKind;
import org.flowwatch.schemas.avro.SiteMovement;
import org.flowwatch.schemas.avro.SiteStatus;
import org.flowwatch.schemas.avro.Vulnerabilities;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The ledger partitioned by site gives what one partition gives. The driver runs one task (partition 0): Goris is
 * held there and Kapan is on partition 1 of 2, so with two partitions a transfer from Goris to Kapan is a hand-over
 * through its topic, and a correction that sends a crossing's people from Goris to Kapan reaches Goris as a
 * withdrawal and Kapan as the new revision.
 */
class SitesLedgerPartitionsTest {

    @ParameterizedTest(name = "{0} ledger partition(s)")
    @ValueSource(ints = {1, 2})
    void shouldCountATransferAndACorrectionAcrossPartitionsOnceAsOnOnePartition(int partitions) {
        assertThat(SitePartitioner.partitionOf("goris", 2)).as("Goris held by the driver's task").isZero();
        assertThat(SitePartitioner.partitionOf("kapan", 2)).as("Kapan on the other partition").isEqualTo(1);
        try (SitesDriver sites = new SitesDriver(partitions).withGorisScenario()) {
            sites.site("kapan", "Kapan", SiteKind.SHELTER, 5_000, null);
            // given 10 people through Kornidzor to Goris, 5 of them children on their own
            sites.crossing(aCrossing().atPost("kornidzor").people(10).at(T0)
                    .vulnerabilities(Vulnerabilities.newBuilder().setUnaccompaniedChildren(5).build()).build());
            // and 6 people sent to Goris, corrected at the post: they went to Kapan
            UUID corrected = UUID.randomUUID();
            sites.crossing(aCrossing().eventId(corrected).atPost("kornidzor").people(6).destination("goris").at(T0).build());
            sites.crossing(aCrossing().eventId(corrected).atPost("kornidzor").people(6).destination("kapan").revision(2).at(T0).build());

            // when 4 people are transferred from Goris to Kapan an hour later (and the transfer is sent twice)
            SiteMovement transfer = SiteMovement.newBuilder().setEventId(UUID.randomUUID()).setKind(MovementKind.TRANSFER)
                    .setFromSiteId("goris").setToSiteId("kapan").setPeople(4).setOccurredAt(T0.plus(Duration.ofHours(1)))
                    .setRecordedAt(T0.plus(Duration.ofHours(1))).build();
            sites.movement(transfer);
            sites.movement(transfer);

            // then by hand: Goris 10 + 6 - 6 - 4 = 6 people, and 5 - 5 x 4/10 = 3 children; Kapan 6 + 4 = 10 people and
            // the 2 children who moved with the transfer; nothing refused
            Map<String, SiteStatus> latest = sites.statuses.readKeyValuesToMap();
            assertThat(latest.get("goris").getPopulation()).isEqualTo(6);
            assertThat(latest.get("goris").getVulnerable().getUnaccompaniedChildren()).isEqualTo(3);
            assertThat(latest.get("kapan").getPopulation()).isEqualTo(10);
            assertThat(latest.get("kapan").getVulnerable().getUnaccompaniedChildren()).isEqualTo(2);
            assertThat(sites.rejected.isEmpty()).isTrue();
            // and the transfer went by hand-over only where Kapan is another partition's
            assertThat(sites.handovers.readValuesToList()).extracting(input -> ((SiteHandover) input.getEvent()).getPeople())
                    .isEqualTo(partitions == 1 ? List.of() : List.of(4));
        }
    }
}
