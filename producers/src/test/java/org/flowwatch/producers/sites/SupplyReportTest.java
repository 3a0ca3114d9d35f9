package org.flowwatch.producers.sites;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.flowwatch.producers.post.FieldException;
import org.flowwatch.schemas.avro.SupplyEvent;
import org.flowwatch.schemas.avro.SupplyKind;
import org.junit.jupiter.api.Test;

class SupplyReportTest {

    private static final Instant AT = Instant.parse("2023-09-26T04:00:00Z");

    @Test
    void shouldAnnounceConvoyWithItsEtaWhenEtaIsAfterAnnouncement() {
        SupplyEvent convoy = report("Convoy_Announced", null, "C-17", AT.plusSeconds(7200)).toSupply(UUID.randomUUID(), AT);
        assertThat(convoy.getKind()).isEqualTo(SupplyKind.CONVOY_ANNOUNCED);
        assertThat(convoy.getConvoyId()).isEqualTo("C-17");
        assertThat(convoy.getExpectedAt()).isEqualTo(AT.plusSeconds(7200));
    }

    @Test
    void shouldRefuseConvoyDueBeforeItWasAnnouncedNamingTheEta() {
        assertThatThrownBy(() -> report("convoy_announced", null, "C-17", AT.minusSeconds(60)).toSupply(UUID.randomUUID(), AT))
                .isInstanceOfSatisfying(FieldException.class, e -> assertThat(e.field()).isEqualTo("expectedAt"));
        assertThatThrownBy(() -> report("convoy_announced", null, null, AT.plusSeconds(60)).toSupply(UUID.randomUUID(), AT))
                .isInstanceOfSatisfying(FieldException.class, e -> assertThat(e.field()).isEqualTo("convoyId"));
    }

    @Test
    void shouldRefuseAConvoyIdThatIsNoReferenceNamingTheField() {
        for (String typed : List.of("Armen Sargsyan", "+374 91 234567", "35 AB 123")) {
            assertThatThrownBy(() -> report("convoy_announced", null, typed, AT.plusSeconds(60)).toSupply(UUID.randomUUID(), AT))
                    .as(typed).isInstanceOfSatisfying(FieldException.class, e -> assertThat(e.field()).isEqualTo("convoyId"))
                    .hasMessageContaining("never a driver's name, a phone or a plate");
        }
    }

    @Test
    void shouldKeepDistributionsPeriodAndRefuseItOnOtherKinds() {
        Instant since = AT.minusSeconds(6 * 3600);
        assertThat(report("distribution", since, null, null).toSupply(UUID.randomUUID(), AT).getPeriodStart()).isEqualTo(since);
        assertThatThrownBy(() -> report("delivery", since, null, null).toSupply(UUID.randomUUID(), AT))
                .isInstanceOfSatisfying(FieldException.class, e -> assertThat(e.field()).isEqualTo("periodStart"));
        assertThatThrownBy(() -> report("distribution", AT.plusSeconds(1), null, null).toSupply(UUID.randomUUID(), AT))
                .isInstanceOfSatisfying(FieldException.class, e -> assertThat(e.field()).isEqualTo("periodStart"));
    }

    @Test
    void shouldNameTheKindsWhenKindIsUnknown() {
        assertThatThrownBy(() -> report("gift", null, null, null).toSupply(UUID.randomUUID(), AT))
                .hasMessage("kind: must be one of delivery, distribution, stock_count, convoy_announced, got 'gift'");
    }

    private static SupplyReport report(String kind, Instant since, String convoy, Instant eta) {
        return new SupplyReport(kind, "goris", "water", 20_000, "litre", AT, since, convoy, eta);
    }
}
