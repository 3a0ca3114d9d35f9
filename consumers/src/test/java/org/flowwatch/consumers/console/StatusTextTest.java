package org.flowwatch.consumers.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.flowwatch.consumers.dashboard.OpsView;
import org.flowwatch.schemas.avro.ExpectedDelivery;
import org.flowwatch.schemas.avro.ItemStatus;
import org.flowwatch.schemas.avro.NeedBasis;
import org.flowwatch.schemas.avro.SiteStatus;
import org.flowwatch.schemas.avro.VulnerablePeople;
import org.flowwatch.schemas.i18n.Languages;
import org.junit.jupiter.api.Test;

class StatusTextTest {

    private static final Instant NOW = Instant.parse("2023-09-25T11:00:00Z");

    private static final OpsView VIEW = new OpsView(7,
            List.of(new OpsView.Hour("2023-09-26T03:00:00Z", 900, 12_650), new OpsView.Hour("2023-09-26T04:00:00Z", 900, 13_550)),
            13_550,
            List.of(new OpsView.Post("kornidzor", 610, 4_740, null), new OpsView.Post("tegh", 0, 35, "critical")),
            List.of(new OpsView.SiteCard("goris-1", "Goris", 12_400, 10_000, "critical", List.of(
                    new OpsView.ItemCover("water", "litre", 0.84, null, "critical"),
                    new OpsView.ItemCover("shelter", "square_metre", null, 3.2, "ok")))),
            List.of(new OpsView.OpenAlert("SHORTAGE/goris-1/water/2023-09-26T06:00:00Z", 2, "shortage", "critical", "escalated",
                    "Goris: water covers 0.8 days for 12,400 people", "2023-09-26T06:00:00Z", "2023-09-26T07:00:00Z", true,
                    "2023-09-26T07:05:00Z")));

    @Test
    void shouldPrintTheSamePictureAsThePageForAShell() {
        // when
        String text = print(VIEW, List.of(site("goris-1", "Goris", item("water").setDaysOfCover(0.84).build())
                .setPopulation(12_400).setCapacityPeople(10_000).setUpdatedAt(Instant.parse("2023-09-26T06:00:00Z")).build()), true);

        // then: hours in the operation's zone, silent posts and short items called out, acks shown
        assertThat(text).contains("ARRIVALS  13,550 people counted; 900 in the hour from 2023-09-26 08:00 (Asia/Yerevan)")
                .containsPattern("kornidzor +610 +4,740 +reporting")
                .containsPattern("tegh +0 +35 +SILENT \\(critical\\)")
                .contains("goris-1   Goris [CRITICAL]: 12,400 people, capacity 10,000; as of Tue 10:00")
                .contains("ALERT ESCALATED    CRITICAL SHORTAGE    Goris: water covers 0.8 days for 12,400 people  "
                        + "(since 2023-09-26 10:00, acknowledged) [SHORTAGE/goris-1/water/2023-09-26T06:00:00Z]");
    }

    @Test
    void shouldPrintRunOutBandStockAndLastCountWhenSiteHasProjection() {
        // when
        List<String> lines = lines(print(VIEW, List.of(goris()), true));

        // then: times in the operation's zone, hours from the site's own clock, most urgent item first
        assertThat(lines).containsSubsequence(
                "goris-1   Goris [CRITICAL]: 1,840 people, capacity 2,000; as of Mon 15:00",
                "          vulnerable: 37 unaccompanied children, 12 with disabilities, 210 over 60",
                "          expected in the coming hour: 40 arriving, 12 leaving",
                "          water    runs out in ~23 h (Tue 14:00, band 19-28 h); about 4,200 L left; counted 14 h ago: 18,000 L",
                "                   convoy C-7 with 6,000 L OVERDUE since Mon 12:00 (no longer counted on)",
                "                   convoy C-9 with 6,000 L expected Tue 21:00",
                "          fuel     not reported",
                "          food     lasts beyond 72 h; about 9,200,000 kcal left",
                "          shelter  5,900 m² (3.2 per person, minimum 3.5)");
        assertThat(lines).as("stock 0 of an unreported item is unknown, never 0").noneMatch(line -> line.contains("fuel") && line.contains(" 0 "));
    }

    @Test
    void shouldPutSoonestRunOutFirstThenUnreportedWhenSortingSites() {
        // given: a quiet site, one that never reported an item and one that runs out
        SiteStatus quiet = site("kapan-2", "Kapan", item("water").setDaysOfCover(6.0).build()).setVulnerable(null)
                .setPopulationEstimated(true).setEstimatedDepartures(320).build();
        SiteStatus unreported = site("sisian-3", "Sisian", item("water").setReported(false).setStock(0).build()).build();

        // when
        String text = print(new OpsView(0, List.of(), 0, List.of(), List.of(), List.of()), List.of(quiet, unreported, goris()), true);

        // then
        assertThat(lines(text)).filteredOn(line -> line.matches("^[a-z].*")).containsExactly(
                "goris-1   Goris: 1,840 people, capacity 2,000; as of Mon 15:00",
                "sisian-3  Sisian: 1,840 people, capacity 2,000; as of Mon 15:00",
                "kapan-2   Kapan: 1,840 people (estimated: the transit model counts 320 as moved on), capacity 2,000; as of Mon 15:00");
        assertThat(text).contains("vulnerable: not known");
    }

    @Test
    void shouldPrintInRussianWithItsPluralsWhenLocaleIsRu() {
        // when
        StringWriter out = new StringWriter();
        new StatusText(new PrintWriter(out), ZoneId.of("Asia/Yerevan"), Languages.RUSSIAN).status(VIEW, List.of(goris()));
        List<String> lines = lines(out.toString());

        // then: words, plural forms, numbers and weekdays the Russian way; codes and ids as they are
        assertThat(lines).contains("ПРИБЫТИЯ  всего 13\u00a0550 человек; 900 за час с 2023-09-26 08:00 (Asia/Yerevan)")
                .containsSubsequence(
                        "goris-1   Goris [CRITICAL]: 1\u00a0840 человек, вместимость 2\u00a0000; на пн 15:00",
                        "          уязвимые: дети без сопровождения: 37, с инвалидностью: 12, старше 60: 210",
                        "          вода            закончится через ~23 ч (вт 14:00, диапазон 19-28 ч); осталось около 4\u00a0200 л; "
                                + "подсчёт 14 ч назад: 18\u00a0000 л",
                        "                          конвой C-7: 6\u00a0000 л, ОПАЗДЫВАЕТ с пн 12:00 (больше не учитывается)",
                        "          топливо         нет данных")
                .anyMatch(line -> line.startsWith("ALERT ESCALATED    CRITICAL SHORTAGE    ") && line.contains("(с 2023-09-26 10:00, подтверждено)"));
    }

    @Test
    void shouldSayNoAlertsAreOpenRatherThanPrintNothing() {
        // when
        String text = print(new OpsView(0, List.of(), 0, List.of(), List.of(), List.of()), List.of(), false);

        // then
        assertThat(text.strip()).isEqualTo("ALERTS    none open");
    }

    /** Goris on Monday 25 September 2023, 15:00 in Yerevan: water runs out tomorrow afternoon, fuel never reported. */
    private static SiteStatus goris() {
        ItemStatus water = item("water").setEstimated(true).setStock(4_200).setCountedStock(18_000.0)
                .setCountedAt(NOW.minus(Duration.ofHours(14))).setDaysOfCover(0.9).setRunsOutAt(NOW.plus(Duration.ofHours(23)))
                .setRunsOutEarliest(NOW.plus(Duration.ofHours(19))).setRunsOutLatest(NOW.plus(Duration.ofHours(28))).setHoursToRunOut(23.0)
                .setExpectedDeliveries(List.of(new ExpectedDelivery("C-9", 6_000.0, NOW.plus(Duration.ofHours(30)), true),
                        new ExpectedDelivery("C-7", 6_000.0, NOW.minus(Duration.ofHours(3)), false))).build();
        ItemStatus food = ItemStatus.newBuilder(item("water").build()).setItemId("food").setUnit("kcal").setEstimated(true)
                .setStock(9_200_000).setNeedPerDay(4_000_000.0).setDaysOfCover(2.3).build();
        ItemStatus fuel = item("fuel").setReported(false).setStock(0).setDaysOfCover(0.0).build();
        ItemStatus shelter = item("shelter").setUnit("square_metre").setBasis(NeedBasis.CAPACITY).setStock(5_900)
                .setNeedPerDay(null).setPerPerson(3.2).setMinimumPerPerson(3.5).build();
        return site("goris-1", "Goris", shelter, food, fuel, water)
                .setVulnerable(new VulnerablePeople(37L, 12L, 0L, 0L, 210L)).setArrivalsPerHour(40).setDeparturesPerHour(12).build();
    }

    private static SiteStatus.Builder site(String id, String name, ItemStatus... items) {
        return SiteStatus.newBuilder().setSiteId(id).setName(name).setAdm1Code("AM-SU").setPopulation(1_840).setCapacityPeople(2_000)
                .setItems(List.of(items)).setUpdatedAt(NOW).setVulnerable(new VulnerablePeople(0L, 0L, 0L, 0L, 0L));
    }

    private static ItemStatus.Builder item(String id) {
        return ItemStatus.newBuilder().setItemId(id).setUnit("litre").setBasis(NeedBasis.DAILY_CONSUMPTION).setStock(20_000)
                .setNeedPerDay(27_600.0).setMinimumPerPerson(15);
    }

    private static List<String> lines(String text) {
        return text.lines().toList();
    }

    private static String print(OpsView view, List<SiteStatus> sites, boolean status) {
        StringWriter out = new StringWriter();
        StatusText text = new StatusText(new PrintWriter(out), ZoneId.of("Asia/Yerevan"));
        if (status) {
            text.status(view, sites);
        } else {
            text.alerts(view);
        }
        return out.toString();
    }
}
