package org.flowwatch.streams.sites;

import static org.assertj.core.api.Assertions.assertThat;

import org.flowwatch.schemas.avro.Item;
import org.flowwatch.schemas.avro.ItemStatus;
import org.flowwatch.schemas.avro.NeedBasis;
import org.flowwatch.streams.sites.alerts.Sentences;
import org.junit.jupiter.api.Test;

class DaysOfCoverTest {

    private static final Item WATER = Item.newBuilder().setItemId("water").setUnit("litre")
            .setBasis(NeedBasis.DAILY_CONSUMPTION).setPerPersonPerDay(15).build();

    @Test
    void shouldDivideStockByPopulationTimesDailyNeed() {
        // 12,400 people x 15 L = 186,000 L a day; 150,000 L last 0.806 days
        ItemStatus water = DaysOfCover.of(WATER, 150_000, 12_400);

        assertThat(water.getNeedPerDay()).isEqualTo(186_000.0);
        assertThat(water.getDaysOfCover()).isCloseTo(0.806, org.assertj.core.data.Offset.offset(0.001));
        assertThat(Sentences.daysOfCover("Goris", water, 12_400))
                .isEqualTo("Goris: water covers 0.8 days for 12,400 people; need 186,000 L/day, stock 150,000 L");
    }

    @Test
    void shouldAddTheSitesOwnNeedSuchAsGeneratorFuel() {
        Item fuel = Item.newBuilder().setItemId("fuel").setSiteId("goris").setUnit("litre")
                .setBasis(NeedBasis.DAILY_CONSUMPTION).setPerPersonPerDay(0).setPerSitePerDay(200).build();

        assertThat(DaysOfCover.of(fuel, 1_000, 5_000).getDaysOfCover()).isEqualTo(5.0);
    }

    @Test
    void shouldHaveNoCoverWhenNothingIsNeeded() {
        assertThat(DaysOfCover.of(WATER, 1_000, 0).getDaysOfCover()).isNull();
    }

    @Test
    void shouldGiveSpacePerPersonAsAShareOfTheMinimumForSharedItems() {
        Item shelter = Item.newBuilder().setItemId("shelter").setUnit("square_metre")
                .setBasis(NeedBasis.CAPACITY).setPerPersonPerDay(3.5).build();

        ItemStatus status = DaysOfCover.of(shelter, 7_000, 4_000);

        assertThat(status.getPerPerson()).isEqualTo(1.75);
        assertThat(DaysOfCover.coverReading(status)).isEqualTo(0.5);
        assertThat(status.getDaysOfCover()).isNull();
    }
}
