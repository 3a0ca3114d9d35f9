package org.flowwatch.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Instant;
import java.util.List;
import org.flowwatch.schemas.avro.ItemStatus;
import org.flowwatch.schemas.avro.NeedBasis;
import org.flowwatch.schemas.avro.SiteStatus;
import org.junit.jupiter.api.Test;

class SameRecordTest {

    private static final Instant T0 = Instant.parse("2023-09-25T08:00:00Z");

    @Test
    void shouldCompareStatusesWithTimesInsideTheirItemsWhereAvrosEqualsThrows() throws Exception {
        // as read from a topic: the items are an Avro array, whose equals() has no logical-type conversions
        SiteStatus a = SiteStatus.fromByteBuffer(status(T0).toByteBuffer());
        SiteStatus b = SiteStatus.fromByteBuffer(status(T0).toByteBuffer());

        assertThat(catchThrowable(() -> a.equals(b))).as("why SameRecord exists").hasMessageContaining("Unknown datum type");
        assertThat(SameRecord.same(a, b)).isTrue();
        assertThat(SameRecord.same(a, status(T0.plusSeconds(1)))).isFalse();
        assertThat(SameRecord.same(null, null)).isTrue();
        assertThat(SameRecord.same(a, null)).isFalse();
    }

    private static SiteStatus status(Instant counted) {
        ItemStatus water = ItemStatus.newBuilder().setItemId("water").setUnit("litre").setBasis(NeedBasis.DAILY_CONSUMPTION)
                .setStock(1_000).setMinimumPerPerson(15).setCountedStock(1_000.0).setCountedAt(counted).build();
        return SiteStatus.newBuilder().setSiteId("goris").setName("Goris").setAdm1Code("AM-SU").setPopulation(10)
                .setItems(List.of(water)).setUpdatedAt(T0).build();
    }
}
