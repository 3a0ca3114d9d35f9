package org.flowwatch.producers.sites;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;
import org.flowwatch.producers.post.FieldException;
import org.flowwatch.schemas.avro.SiteMovement;
import org.junit.jupiter.api.Test;

class MovementReportTest {

    private static final Instant AT = Instant.parse("2023-09-26T04:00:00Z");

    @Test
    void shouldKeepOnlyTheSitesTheKindUsesWhenBothAreGiven() {
        // given: an arrival typed with a stray --from
        SiteMovement arrival = new MovementReport("ARRIVAL", "kornidzor", " goris ", 12, AT, null).toMovement(UUID.randomUUID(), AT);
        // then: an arrival reaches a site; it leaves none the sites app would subtract from
        assertThat(arrival.getFromSiteId()).isNull();
        assertThat(arrival.getToSiteId()).isEqualTo("goris");
        assertThat(arrival.getReason()).isNull();
    }

    @Test
    void shouldRefuseTransferToTheSameSiteNamingTheDestination() {
        assertThatThrownBy(() -> new MovementReport("transfer", "goris", "goris", 5, AT, null).toMovement(UUID.randomUUID(), AT))
                .isInstanceOfSatisfying(FieldException.class, e -> assertThat(e.field()).isEqualTo("toSiteId"));
    }

    @Test
    void shouldTellWhichSitesAMovementInvolves() {
        MovementReport transfer = new MovementReport("transfer", "goris", "yerevan", 5, AT, "housing");
        assertThat(transfer.involves("goris")).isTrue();
        assertThat(transfer.involves("yerevan")).isTrue();
        assertThat(transfer.involves("vayk")).isFalse();
    }
}
