package org.flowwatch.consumers.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.flowwatch.schemas.i18n.Languages;
import org.flowwatch.schemas.avro.Alert;
import org.flowwatch.schemas.avro.AlertKind;
import org.flowwatch.schemas.avro.AlertState;
import org.flowwatch.schemas.avro.Severity;
import org.junit.jupiter.api.Test;

class AlertSentencesTest {

    private static final ZoneId YEREVAN = ZoneId.of("Asia/Yerevan");
    private static final Instant T0 = Instant.parse("2023-09-25T10:00:00Z");
    private static final Locale EN = Languages.ENGLISH;
    private static final Locale HY = Languages.ARMENIAN;
    private static final Locale RU = Languages.RUSSIAN;

    /** One alert of every kind, with the evidence the sites app writes. */
    private static final Map<AlertKind, Alert> EVERY_KIND = Map.of(
            AlertKind.SHORTAGE, alert(AlertKind.SHORTAGE, Map.of("site", "goris", "item", "water"),
                    Map.of("daysOfCover", 0.87, "stock", 150000.0, "population", 12400.0, "unaccompaniedChildren", 0.0),
                    "Goris: water covers 0.8 days for 12,400 people; need 186,000 L/day, stock 150,000 L"),
            AlertKind.CAPACITY, alert(AlertKind.CAPACITY, Map.of("site", "goris"),
                    Map.of("population", 2760.0, "capacity", 3000.0, "occupancy", 0.92), "Goris: 2,760 people for 3,000 places (92%)"),
            AlertKind.SURGE, alert(AlertKind.SURGE, Map.of("scope", "post/kornidzor", "post", "kornidzor"),
                    Map.of("arrivalsLastHour", 1240.0, "surgeLevel", 1000.0, "trailingAveragePerHour", 180.0),
                    "Kornidzor: 1,240 arrivals in the last hour, surge level 1,000 (trailing average 180/h)"),
            AlertKind.POST_SILENT, alert(AlertKind.POST_SILENT, Map.of("post", "kornidzor"),
                    Map.of("silentSeconds", 2520.0), "Kornidzor: no crossing or heartbeat for 42 min"),
            AlertKind.RUN_OUT, alert(AlertKind.RUN_OUT, Map.of("site", "goris", "item", "water"),
                    Map.of("hoursToRunOut", 23.0, "runsOutAtEpochSeconds", (double) T0.plusSeconds(23 * 3600).getEpochSecond(),
                            "earliestHours", 19.0, "latestHours", 28.0, "stock", 4200.0, "population", 1840.0,
                            "unaccompaniedChildren", 37.0, "over60", 0.0),
                    "Goris reception centre: water runs out in ~23 h (Tue 13:00, between 19 and 28 h) for 1,840 people; 37 unaccompanied children"),
            AlertKind.UNREPORTED, alert(AlertKind.UNREPORTED, Map.of("site", "vayk", "items", "water,food"),
                    Map.of("population", 1200.0, "hoursUnreported", 7.4),
                    "Vayk: no stock figure for water, food, with 1,200 people there for 7 h"),
            AlertKind.OTHER, alert(AlertKind.OTHER, Map.of(), Map.of(), "DLQ: 3 records dead-lettered"));

    @Test
    void shouldReadLikeTheStreamsSummaryWhenEnglish() {
        assertSentences(EN, Map.of(
                AlertKind.SHORTAGE, "Goris: water covers 0.8 days for 12,400 people; stock 150,000",
                AlertKind.CAPACITY, "Goris: 2,760 people for 3,000 places (92%)",
                AlertKind.SURGE, "Kornidzor: 1,240 arrivals in the last hour, surge level 1,000 (trailing average 180/h)",
                AlertKind.POST_SILENT, "Kornidzor: no crossing or heartbeat for 42 min",
                AlertKind.RUN_OUT, "Goris reception centre: water runs out in ~23 h (Tue 13:00, between 19 and 28 h) for 1,840 people; "
                        + "37 unaccompanied children",
                AlertKind.UNREPORTED, "Vayk: no stock figure for water, food, with 1,200 people there for 7 h",
                AlertKind.OTHER, "DLQ: 3 records dead-lettered"));
    }

    @Test
    void shouldWriteRussianWithItsPluralFormsWhenRussian() {
        assertSentences(RU, Map.of(
                AlertKind.SHORTAGE, "Goris: вода — запаса хватит на 0,8 дня, на месте 12\u00a0400 человек; остаток 150\u00a0000",
                AlertKind.CAPACITY, "Goris: 2\u00a0760 человек при вместимости 3\u00a0000 мест (92\u00a0%)",
                AlertKind.SURGE, "Kornidzor: 1\u00a0240 прибытий за последний час, порог всплеска 1\u00a0000 (в среднем 180/ч)",
                AlertKind.POST_SILENT, "Kornidzor: ни пересечений, ни сигналов уже 42 мин",
                AlertKind.RUN_OUT, "Goris reception centre: вода закончится через ~23 ч (вт 13:00, от 19 до 28 ч), на месте 1\u00a0840 человек; "
                        + "дети без сопровождения: 37",
                AlertKind.UNREPORTED, "Vayk: нет данных о запасах (вода, продовольствие), на месте 1\u00a0200 человек, уже 7 ч",
                AlertKind.OTHER, "Прочее: DLQ: 3 records dead-lettered"));
        assertThat(AlertSentences.sentence(withPeople(AlertKind.CAPACITY, 1), RU, YEREVAN)).startsWith("Goris: 1 человек при");
        assertThat(AlertSentences.sentence(withPeople(AlertKind.CAPACITY, 2), RU, YEREVAN)).startsWith("Goris: 2 человека при");
        assertThat(AlertSentences.sentence(withPeople(AlertKind.CAPACITY, 5), RU, YEREVAN)).startsWith("Goris: 5 человек при");
    }

    @Test
    void shouldWriteArmenianWhenArmenian() {
        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(sentence(AlertKind.SHORTAGE, HY)).isEqualTo("Goris: ջուր՝ պաշարը բավական է 0,8 օր, տեղում՝ 12\u00a0400 մարդ, մնացորդ՝ 150\u00a0000");
        softly.assertThat(sentence(AlertKind.CAPACITY, HY)).startsWith("Goris: 2\u00a0760 մարդ՝ 3\u00a0000 տեղ տարողությամբ");
        softly.assertThat(sentence(AlertKind.SURGE, HY)).startsWith("Kornidzor: վերջին ժամում՝ 1\u00a0240 ժամանում");
        softly.assertThat(sentence(AlertKind.POST_SILENT, HY)).isEqualTo("Kornidzor: 42 րոպե ոչ մի հատում կամ ազդանշան");
        softly.assertThat(sentence(AlertKind.RUN_OUT, HY)).startsWith("Goris reception centre: ջուր՝ կսպառվի ~23 ժամից (")
                .contains("13:00, 19–28 ժամում), տեղում՝ 1\u00a0840 մարդ; առանց ուղեկցողի երեխաներ՝ 37");
        softly.assertThat(sentence(AlertKind.UNREPORTED, HY)).isEqualTo("Vayk: պաշարի տվյալներ չկան (ջուր, սնունդ), տեղում՝ 1\u00a0200 մարդ, արդեն 7 ժամ");
        softly.assertThat(sentence(AlertKind.OTHER, HY)).isEqualTo("Այլ ահազանգ՝ DLQ: 3 records dead-lettered");
        softly.assertAll();
    }

    @Test
    void shouldFallBackToTheSummaryWhenEvidenceIsMissing() {
        // given
        Alert bare = alert(AlertKind.RUN_OUT, Map.of("site", "goris"), Map.of(), "Goris: water runs out in ~23 h");
        // when / then
        for (Locale locale : Languages.SUPPORTED) {
            assertThat(AlertSentences.sentence(bare, locale, YEREVAN)).as("%s", locale).isEqualTo("Goris: water runs out in ~23 h");
        }
    }

    @Test
    void shouldSayBeyondTheProjectionWhenRunOutHasNoHours() {
        Alert later = alert(AlertKind.RUN_OUT, Map.of("site", "goris", "item", "food"), Map.of("population", 1.0, "stock", 9.0), "Goris: x");
        assertThat(AlertSentences.sentence(later, EN, YEREVAN)).isEqualTo("Goris: food lasts beyond the projection for 1 person");
        assertThat(AlertSentences.sentence(later, RU, YEREVAN)).isEqualTo("Goris: продовольствие — хватит дольше срока прогноза, на месте 1 человек");
    }

    @Test
    void shouldSayAnItemHasRunOutWhenItsStockIsZeroNotThatItRunsOutInUnderAnHour() {
        // given the RUN_OUT alert of a site whose water is gone: stock 0, projected run-out now
        Alert gone = Alert.newBuilder(EVERY_KIND.get(AlertKind.RUN_OUT)).build();
        gone.setEvidence(new HashMap<>(gone.getEvidence()));
        gone.getEvidence().putAll(Map.of("stock", 0.0, "hoursToRunOut", 0.0, "earliestHours", 0.0, "latestHours", 0.0));

        // then
        assertThat(AlertSentences.sentence(gone, EN, YEREVAN))
                .isEqualTo("Goris reception centre: water has run out (Tue 13:00) for 1,840 people; 37 unaccompanied children");
        assertThat(AlertSentences.sentence(gone, RU, YEREVAN)).startsWith("Goris reception centre: вода — запас исчерпан (вт 13:00)");
        assertThat(AlertSentences.sentence(gone, HY, YEREVAN)).contains("պաշարը սպառվել է");
    }

    /** Every kind's sentence in {@code locale}, all checked before failing. */
    private static void assertSentences(Locale locale, Map<AlertKind, String> expected) {
        SoftAssertions softly = new SoftAssertions();
        expected.forEach((kind, sentence) -> softly.assertThat(sentence(kind, locale)).as("%s in %s", kind, locale).isEqualTo(sentence));
        softly.assertAll();
    }

    private static String sentence(AlertKind kind, Locale locale) {
        return AlertSentences.sentence(EVERY_KIND.get(kind), locale, YEREVAN);
    }

    private static Alert withPeople(AlertKind kind, long people) {
        Alert alert = Alert.newBuilder(EVERY_KIND.get(kind)).build();
        alert.setEvidence(new HashMap<>(alert.getEvidence()));
        alert.getEvidence().put("population", (double) people);
        return alert;
    }

    private static Alert alert(AlertKind kind, Map<String, String> labels, Map<String, Double> evidence, String summary) {
        return Alert.newBuilder().setAlertId(kind + "/x").setVersion(1).setKind(kind).setSeverity(Severity.WARNING)
                .setState(AlertState.OPEN).setStartsAt(T0).setUpdatedAt(T0).setLabels(new HashMap<>(labels))
                .setEvidence(new HashMap<>(evidence)).setSummary(summary).build();
    }
}
