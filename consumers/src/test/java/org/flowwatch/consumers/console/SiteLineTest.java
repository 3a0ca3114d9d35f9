package org.flowwatch.consumers.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.flowwatch.schemas.avro.ItemStatus;
import org.flowwatch.schemas.avro.NeedBasis;
import org.flowwatch.schemas.avro.SiteStatus;
import org.junit.jupiter.api.Test;

class SiteLineTest {

    private static final Instant NOW = Instant.parse("2023-09-25T10:00:00Z");
    private static final ZoneId YEREVAN = ZoneId.of("Asia/Yerevan");

    @Test
    void shouldShowPeopleFallingAndTheItemThatRunsOutFirst() {
        SiteStatus goris = site(3_980, item("food", 40.2), item("water", 9.4));

        assertThat(SiteLine.of(goris, 4_210L, YEREVAN)).isEqualTo(
                "SITE Goris reception centre       3,980 people (down)        water runs out in ~9 h (Mon 23:24)");
    }

    @Test
    void shouldSayAnItemHasRunOutWhenItsStockIsZeroNotThatItRunsOutInNoHours() {
        ItemStatus gone = ItemStatus.newBuilder(item("food", 0.0)).setStock(0).build();
        SiteStatus goris = site(431, gone, item("water", 29.0));

        assertThat(SiteLine.of(goris, 251L, YEREVAN)).endsWith("431 people (up)            food HAS RUN OUT (Mon 14:00)");
    }

    @Test
    void shouldSayNothingRunsOutAndCountItemsNotReported() {
        ItemStatus unreported = ItemStatus.newBuilder(item("food", null)).setReported(false).build();
        SiteStatus goris = site(120, item("water", null), unreported);

        assertThat(SiteLine.of(goris, null, YEREVAN)).endsWith("120 people                 nothing runs out within 72 h; 1 item not reported");
    }

    private static SiteStatus site(long people, ItemStatus... items) {
        return SiteStatus.newBuilder().setSiteId("goris").setName("Goris reception centre").setAdm1Code("AM-SU")
                .setPopulation(people).setItems(List.of(items)).setUpdatedAt(NOW).build();
    }

    private static ItemStatus item(String id, Double hours) {
        return ItemStatus.newBuilder().setItemId(id).setUnit("litre").setBasis(NeedBasis.DAILY_CONSUMPTION).setStock(1_000)
                .setMinimumPerPerson(15).setHoursToRunOut(hours)
                .setRunsOutAt(hours == null ? null : NOW.plusSeconds(Math.round(hours * 3600))).build();
    }
}
