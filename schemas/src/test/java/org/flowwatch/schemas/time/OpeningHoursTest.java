package org.flowwatch.schemas.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class OpeningHoursTest {

    private static final ZoneId YEREVAN = ZoneId.of("Asia/Yerevan");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static Instant at(String local) {
        return ZonedDateTime.parse(local + "+04:00[Asia/Yerevan]").toInstant();
    }

    @Test
    void shouldCountOnlyOpenTimeWhenSilenceSpansTheNight() {
        // given
        OpeningHours day = OpeningHours.parse("06:00-18:00");
        // when: from 17:00 one day to 07:00 the next
        Duration open = day.openBetween(at("2023-09-25T17:00:00"), at("2023-09-26T07:00:00"), YEREVAN);
        // then: one hour before closing, one after opening
        assertThat(open).isEqualTo(Duration.ofHours(2));
        assertThat(day.isOpenAt(at("2023-09-25T05:59:00"), YEREVAN)).isFalse();
        assertThat(day.isOpenAt(at("2023-09-25T06:00:00"), YEREVAN)).isTrue();
        assertThat(day.isOpenAt(at("2023-09-25T18:00:00"), YEREVAN)).isFalse();
    }

    @Test
    void shouldWrapAroundMidnightWhenRangeIsOvernight() {
        // given
        OpeningHours night = OpeningHours.parse("22:00-06:00");
        // then
        assertThat(night.isOpenAt(at("2023-09-25T23:30:00"), YEREVAN)).isTrue();
        assertThat(night.isOpenAt(at("2023-09-26T05:00:00"), YEREVAN)).isTrue();
        assertThat(night.isOpenAt(at("2023-09-26T12:00:00"), YEREVAN)).isFalse();
        assertThat(night.openBetween(at("2023-09-25T12:00:00"), at("2023-09-26T12:00:00"), YEREVAN)).isEqualTo(Duration.ofHours(8));
        assertThat(night.openBetween(at("2023-09-26T03:00:00"), at("2023-09-26T04:00:00"), YEREVAN)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void shouldBeAlwaysOpenWhenNullBlankOrWholeDay() {
        assertThat(OpeningHours.parse(null).isAlways()).isTrue();
        assertThat(OpeningHours.parse(" ").isAlways()).isTrue();
        assertThat(OpeningHours.parse("00:00-24:00").isAlways()).isTrue();
        assertThat(OpeningHours.ALWAYS.openBetween(at("2023-09-25T00:00:00"), at("2023-09-25T05:00:00"), YEREVAN))
                .isEqualTo(Duration.ofHours(5));
        assertThat(OpeningHours.parse("18:00-24:00").openBetween(at("2023-09-25T00:00:00"), at("2023-09-26T00:00:00"), YEREVAN))
                .isEqualTo(Duration.ofHours(6));
    }

    @Test
    void shouldCountTheLocalHoursWhenTheClockChanges() {
        // given: Berlin leaves summer time on 29 October 2023 (03:00 back to 02:00); open 00:00-06:00 local
        OpeningHours early = OpeningHours.parse("00:00-06:00");
        Instant from = ZonedDateTime.of(2023, 10, 28, 12, 0, 0, 0, BERLIN).toInstant();
        // then: that night is 7 real hours long
        assertThat(early.openBetween(from, from.plus(Duration.ofDays(1)), BERLIN)).isEqualTo(Duration.ofHours(7));
    }

    @Test
    void shouldSayWhatIsWrongWhenTextIsNotARange() {
        assertThat(catchThrowable(() -> OpeningHours.parse("6-18"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("opening hours must be HH:mm-HH:mm (e.g. 06:00-18:00), got '6-18'");
        assertThat(catchThrowable(() -> OpeningHours.parse("25:00-06:00"))).hasMessageContaining("hours 00-23");
        assertThat(catchThrowable(() -> OpeningHours.parse("06:00-06:00"))).hasMessageContaining("same time");
        assertThat(OpeningHours.parse(" 22:00 - 06:00 ").toString()).isEqualTo("22:00-06:00");
    }
}
