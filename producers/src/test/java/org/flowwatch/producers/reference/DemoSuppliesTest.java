package org.flowwatch.producers.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.flowwatch.schemas.avro.SupplyEvent;
import org.flowwatch.schemas.avro.SupplyKind;
import org.junit.jupiter.api.Test;

class DemoSuppliesTest {

    private static final Instant START = Instant.parse("2023-09-24T08:00:00Z");
    private static final Duration DAY = Duration.ofHours(24);

    @Test
    void shouldDeliverAnnouncedWaterConvoyAtItsEtaUnderSameId() {
        List<SupplyEvent> supplies = DemoSupplies.forReplay(START, DAY);
        SupplyEvent announced = only(supplies, SupplyKind.CONVOY_ANNOUNCED, DemoSupplies.DELIVERED_CONVOY);
        SupplyEvent delivered = only(supplies, SupplyKind.DELIVERY, DemoSupplies.DELIVERED_CONVOY);
        assertThat(announced.getExpectedAt()).isAfter(announced.getOccurredAt()).isEqualTo(delivered.getOccurredAt());
        assertThat(delivered.getQuantity()).isEqualTo(announced.getQuantity());
        assertThat(delivered.getSiteId()).isEqualTo(announced.getSiteId());
    }

    @Test
    void shouldLeaveOneAnnouncedConvoyUndeliveredPastItsEta() {
        List<SupplyEvent> supplies = DemoSupplies.forReplay(START, DAY);
        SupplyEvent held = only(supplies, SupplyKind.CONVOY_ANNOUNCED, DemoSupplies.HELD_CONVOY);
        assertThat(held.getExpectedAt()).isAfter(held.getOccurredAt()).isBefore(START.plus(DAY));
        assertThat(supplies).noneMatch(s -> s.getKind() == SupplyKind.DELIVERY && DemoSupplies.HELD_CONVOY.equals(s.getConvoyId()));
    }

    @Test
    void shouldCountStockAtStartAndAgainLater() {
        assertThat(DemoSupplies.forReplay(START, DAY)).filteredOn(s -> s.getKind() == SupplyKind.STOCK_COUNT)
                .extracting(SupplyEvent::getOccurredAt).contains(START, START.plus(DAY.dividedBy(2)));
    }

    private static SupplyEvent only(List<SupplyEvent> supplies, SupplyKind kind, String convoyId) {
        return supplies.stream().filter(s -> s.getKind() == kind && convoyId.equals(s.getConvoyId())).reduce((a, b) -> {
            throw new AssertionError("two " + kind + " of " + convoyId);
        }).orElseThrow(() -> new AssertionError("no " + kind + " of " + convoyId));
    }
}
