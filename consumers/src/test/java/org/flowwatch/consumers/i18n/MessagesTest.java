package org.flowwatch.consumers.i18n;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.flowwatch.schemas.i18n.Languages;
import org.flowwatch.schemas.i18n.Messages;
import org.junit.jupiter.api.Test;

class MessagesTest {

    @Test
    void shouldHaveEveryKeyInEveryLanguageAndEveryPatternParseWhenBundlesLoad() {
        assertThat(Messages.problems(Translations.BUNDLE)).as("translation files to fix").isEmpty();
    }

    @Test
    void shouldPickRussianPluralFormsWhenCountingPeople() {
        // given
        Messages russian = Translations.in(Languages.RUSSIAN);
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
        assertThat(Languages.parse("en")).isEqualTo(Languages.ENGLISH);
        assertThatThrownBy(() -> Languages.parse("de")).hasMessageContaining("hy, ru or en");
    }
}
