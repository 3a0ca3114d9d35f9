package org.flowwatch.producers.post;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TabletImportTest {

    @TempDir
    Path journal;

    @Test
    void shouldRecordBusOf120AndRefuse201NamingLimitWhenLimitIsTheDefault() throws Exception {
        // given: a tablet export with a bus of 120 and a group over the default limit of 200
        String export = "people,crossed_at\n120,2023-09-25T14:05:00+04:00\n201,2023-09-25T14:06:00+04:00\n";
        StringWriter err = new StringWriter();
        try (PostClient post = OfflinePost.start(journal)) {
            // when
            TabletImport.Result result = new TabletImport(post, new PrintWriter(err)).run(new StringReader(export));
            // then
            assertThat(result.recorded()).isEqualTo(1);
            assertThat(result.rejected()).isEqualTo(1);
            assertThat(post.journal().pending(10)).extracting(entry -> entry.crossing().getPeople()).containsExactly(120);
            assertThat(err.toString().trim())
                    .isEqualTo("line 3: not recorded: people: must be 1-200 (setting crossings.max.people), got 201");
        }
    }
}
