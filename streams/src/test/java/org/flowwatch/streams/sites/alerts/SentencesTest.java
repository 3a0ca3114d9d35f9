package org.flowwatch.streams.sites.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.flowwatch.schemas.avro.ItemStatus;
import org.flowwatch.schemas.avro.NeedBasis;
import org.flowwatch.schemas.avro.SiteStatus;
import org.junit.jupiter.api.Test;

class SentencesTest {

    private static final Instant T0 = Instant.parse("2023-09-25T07:59:00Z"); // Mon 11:59 in Yerevan
    private static final ZoneId YEREVAN = ZoneId.of("Asia/Yerevan");

    @Test
    void shouldSayWaterHasRunOutWhenTheStockIsZero() {
        ItemStatus gone = water(0, 0.0, T0);

        assertThat(Sentences.runOut(goris(gone), gone, YEREVAN)).isEqualTo("Goris: water has run out (Mon 11:59) for 1,961 people");
    }

    @Test
    void shouldSayWhenAndTheBandWhileWaterIsLeft() {
        ItemStatus left = water(29_415, 23.0, T0.plus(Duration.ofHours(23)));
        left.setRunsOutEarliest(T0.plus(Duration.ofHours(19)));
        left.setRunsOutLatest(T0.plus(Duration.ofHours(28)));

        assertThat(Sentences.runOut(goris(left), left, YEREVAN))
                .isEqualTo("Goris: water runs out in ~23 h (Tue 10:59, between 19 and 28 h) for 1,961 people");
    }

    private static ItemStatus water(double litres, double hours, Instant runsOut) {
        return ItemStatus.newBuilder().setItemId("water").setUnit("litre").setBasis(NeedBasis.DAILY_CONSUMPTION)
                .setStock(litres).setMinimumPerPerson(15).setHoursToRunOut(hours).setRunsOutAt(runsOut).build();
    }

    private static SiteStatus goris(ItemStatus item) {
        return SiteStatus.newBuilder().setSiteId("goris").setName("Goris").setAdm1Code("AM-SU").setPopulation(1_961)
                .setItems(List.of(item)).setUpdatedAt(T0).build();
    }
}
