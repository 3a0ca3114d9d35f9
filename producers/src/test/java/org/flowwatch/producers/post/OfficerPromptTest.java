package org.flowwatch.producers.post;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import org.flowwatch.schemas.i18n.Languages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OfficerPromptTest {

    // People, direction, vehicles, destination, women by age, men by age, needs: Enter keeps each default.
    private static final String REST_OF_GROUP = "\n\n\n\n\n\n";

    @TempDir
    Path journal;

    @Test
    void shouldRecordBusOf120AndRefuse201NamingLimitWhenLimitIsTheDefault() throws Exception {
        // given: the officer enters a bus of 120, then a group of 201, then Enter to finish
        String answers = "120\n" + REST_OF_GROUP + "201\n" + REST_OF_GROUP + "\n";
        StringWriter out = new StringWriter();
        try (PostClient post = OfflinePost.start(journal)) {
            // when
            int recorded = new OfficerPrompt(post, new BufferedReader(new StringReader(answers)), new PrintWriter(out),
                    Clock.systemUTC()).run();
            // then
            assertThat(recorded).isEqualTo(1);
            assertThat(post.journal().pending(10)).extracting(entry -> entry.crossing().getPeople()).containsExactly(120);
            assertThat(out.toString()).contains("Recorded 120 people")
                    .contains("Not recorded: people: must be 1-200 (setting crossings.max.people), got 201. Please enter the group again.");
        }
    }

    @Test
    void shouldAskAndAnswerInRussianWhenLocaleIsRu() throws Exception {
        // given: the officer records a group of 3 in Russian, then Enter to finish
        StringWriter out = new StringWriter();
        try (PostClient post = OfflinePost.start(journal)) {
            // when
            int recorded = new OfficerPrompt(post, new BufferedReader(new StringReader("3\n" + REST_OF_GROUP + "\n")), new PrintWriter(out),
                    Clock.systemUTC(), new PostMessages(Languages.RUSSIAN)).run();
            // then
            assertThat(recorded).isEqualTo(1);
            assertThat(out.toString()).startsWith("Человек в группе (Enter — закончить): ")
                    .contains("Направление: arrival (въезд) или departure (выезд) [arrival]: ")
                    .contains("Записано: 3 человека (событие ").contains("ждут отправки: 1 пересечение, самое старое записано ");
        }
    }
}
