package org.flowwatch.consumers.sms;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmsMessageTest {

    private static final String ENGLISH = "Goris reception centre: water covers 0.9 days for 2,003 people; need 30,045 L/day, stock 30,000 L";
    private static final String ARMENIAN = "Գորիսի ընդունման կենտրոն. ջուրը բավական է 0,9 օր 2003 մարդու համար";
    private static final String RUSSIAN = "Горис, приёмный центр: воды хватит на 0,9 дня для 2003 человек";

    @Test
    void shouldHoldA128CharacterAlphabetWhenGsm7TableIsRead() {
        assertThat(SmsEncoding.BASIC).hasSize(128);
    }

    @Test
    void shouldChooseGsm7WhenEnglishAndUcs2WhenArmenianOrRussian() {
        assertThat(SmsEncoding.of(ENGLISH)).isEqualTo(SmsEncoding.GSM7);
        assertThat(SmsEncoding.of("Prices in € [approx] {x} ~ ^ | \\")).isEqualTo(SmsEncoding.GSM7);
        assertThat(SmsEncoding.of(ARMENIAN)).isEqualTo(SmsEncoding.UCS2);
        assertThat(SmsEncoding.of(RUSSIAN)).isEqualTo(SmsEncoding.UCS2);
        assertThat(SmsEncoding.of("Goris … water")).as("the ellipsis character is not GSM-7").isEqualTo(SmsEncoding.UCS2);
    }

    @Test
    void shouldCountExtensionCharactersTwiceWhenGsm7() {
        assertThat(SmsEncoding.GSM7.length("a€[")).isEqualTo(5);
        assertThat(SmsEncoding.GSM7.encode("a€")).containsExactly(0x61, 0x1B, 0x65);
        assertThat(SmsEncoding.GSM7.decode(SmsEncoding.GSM7.encode("Goris: €5 {ok} @ 12:00"))).isEqualTo("Goris: €5 {ok} @ 12:00");
        assertThat(SmsEncoding.UCS2.decode(SmsEncoding.UCS2.encode(ARMENIAN))).isEqualTo(ARMENIAN);
    }

    @Test
    void shouldSendOneSmsWhenGsm7TextFits160() {
        // given
        String text = "x".repeat(160);

        // when
        SmsMessage message = SmsMessage.of(text, 3);

        // then
        assertThat(message.parts()).containsExactly(text);
        assertThat(message.shortened()).isFalse();
    }

    @Test
    void shouldSplitInto153CharacterPartsWhenGsm7TextIsLonger() {
        // when
        SmsMessage message = SmsMessage.of("x".repeat(161), 3);

        // then
        assertThat(message.parts()).extracting(String::length).containsExactly(153, 8);
    }

    @Test
    void shouldNeverCutAnEscapePairWhenSplitting() {
        // given: the 153rd septet would be the first half of "€"
        String text = "x".repeat(152) + "€" + "y".repeat(20);

        // when
        SmsMessage message = SmsMessage.of(text, 3);

        // then
        assertThat(message.parts().get(0)).isEqualTo("x".repeat(152));
        assertThat(message.parts().get(1)).startsWith("€");
        assertThat(message.text()).isEqualTo(text);
    }

    @Test
    void shouldUse70And67WhenArmenianOrRussian() {
        assertThat(SmsMessage.of(ARMENIAN, 3).parts()).hasSize(1);
        String longRussian = (RUSSIAN + " ").repeat(3);

        SmsMessage message = SmsMessage.of(longRussian, 5);

        assertThat(message.encoding()).isEqualTo(SmsEncoding.UCS2);
        assertThat(message.parts()).hasSize(3).allSatisfy(part -> assertThat(part.length()).isLessThanOrEqualTo(67));
        assertThat(message.text()).isEqualTo(longRussian.strip());
    }

    @Test
    void shouldShortenWithEllipsisWhenTextNeedsMoreThanMaxParts() {
        // when
        SmsMessage english = SmsMessage.of("word ".repeat(100), 2);
        SmsMessage armenian = SmsMessage.of((ARMENIAN + " ").repeat(5), 1);

        // then
        assertThat(english.shortened()).isTrue();
        assertThat(english.parts()).hasSize(2);
        assertThat(english.text()).endsWith("...").hasSizeLessThanOrEqualTo(2 * 153);
        assertThat(armenian.parts()).hasSize(1);
        assertThat(armenian.parts().get(0)).endsWith("…").hasSizeLessThanOrEqualTo(70).startsWith("Գորիսի");
        assertThat(armenian.encoding()).isEqualTo(SmsEncoding.UCS2);
    }

    @Test
    void shouldNeverCutASurrogatePairWhenUcs2() {
        // given: an emoji (two UTF-16 units) across the 67-unit boundary
        String text = "ж".repeat(66) + "\uD83D\uDEA8" + "ж".repeat(10);

        // when
        SmsMessage message = SmsMessage.of(text, 3);

        // then
        assertThat(message.parts().get(0)).hasSize(66);
        assertThat(message.text()).isEqualTo(text);
    }
}
