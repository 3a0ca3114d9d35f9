package org.flowwatch.consumers.i18n;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ibm.icu.text.MessageFormat;
import java.util.Locale;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

class MessagesTest {

    @Test
    void shouldHaveEveryKeyInEveryLanguageWhenBundlesLoad() {
        // given
        Messages english = Messages.of(Languages.ENGLISH);
        SoftAssertions softly = new SoftAssertions();
        // when / then
        for (Locale locale : Languages.SUPPORTED) {
            Messages messages = Messages.of(locale);
            softly.assertThat(messages.keys()).as("keys of %s missing from en", locale).isSubsetOf(english.keys());
            softly.assertThat(english.keys()).as("keys of en missing from %s", locale).isSubsetOf(messages.keys());
        }
        softly.assertAll();
    }

    @Test
    void shouldParseEveryPatternWhenFormattedWithIcu() {
        SoftAssertions softly = new SoftAssertions();
        for (Locale locale : Languages.SUPPORTED) {
            Messages messages = Messages.of(locale);
            messages.keys().forEach(key -> softly.assertThatCode(() -> new MessageFormat(messages.pattern(key), locale))
                    .as("%s in %s", key, locale).doesNotThrowAnyException());
        }
        softly.assertAll();
    }

    @Test
    void shouldPickRussianPluralFormsWhenCountingPeople() {
        // given
        Messages russian = Messages.of(Languages.RUSSIAN);
        // when / then
        assertThat(Map.of(1, "1 человек", 2, "2 человека", 5, "5 человек", 21, "21 человек", 22, "22 человека", 11, "11 человек"))
                .allSatisfy((n, text) -> assertThat(russian.format("count.people", Map.of("n", n))).isEqualTo(text));
        assertThat(russian.format("count.people", Map.of("n", 12400))).isEqualTo("12\u00a0400 человек");
        assertThat(russian.format("count.days", Map.of("n", 0.8))).isEqualTo("0,8 дня");
    }

    @Test
    void shouldRefuseLanguageWhenNotHyRuOrEn() {
        assertThat(Languages.parse("ru-AM")).isEqualTo(Languages.RUSSIAN);
        assertThat(Languages.parse("HY")).isEqualTo(Languages.ARMENIAN);
        assertThatCode(() -> Languages.parse("en")).doesNotThrowAnyException();
        assertThatThrownBy(() -> Languages.parse("de")).hasMessageContaining("hy, ru or en");
    }
}
