package org.flowwatch.producers.post;

import static org.assertj.core.api.Assertions.assertThat;

import org.flowwatch.schemas.i18n.Languages;
import org.flowwatch.schemas.i18n.Messages;
import org.junit.jupiter.api.Test;

class PostMessagesTest {

    @Test
    void shouldHaveEveryKeyInEveryLanguageAndEveryPatternParseWhenBundlesLoad() {
        assertThat(Messages.problems(PostMessages.BUNDLE)).as("translation files to fix").isEmpty();
    }

    @Test
    void shouldPickRussianPluralFormsWhenOfficerRecordsAGroup() {
        // given
        PostMessages russian = new PostMessages(Languages.RUSSIAN);
        // when / then
        assertThat(russian.say("post.recorded", "people", 1, "event", "e1", "pending", "всё отправлено"))
                .isEqualTo("Записано: 1 человек (событие e1). всё отправлено.");
        assertThat(russian.say("post.recorded", "people", 3, "event", "e2", "pending", "")).startsWith("Записано: 3 человека ");
        assertThat(russian.say("post.recorded", "people", 120, "event", "e3", "pending", "")).startsWith("Записано: 120 человек ");
        assertThat(russian.say("post.imported", "n", 2, "rejected", 0)).isEqualTo("записано: 2 пересечения");
        assertThat(new PostMessages(Languages.ARMENIAN).say("post.ask.people")).isEqualTo("Խմբում մարդկանց թիվը (Enter՝ ավարտելու համար)");
        assertThat(PostMessages.ENGLISH.say("post.imported", "n", 1, "rejected", 2))
                .isEqualTo("recorded 1 crossing, 2 lines NOT recorded (see above)");
    }
}
