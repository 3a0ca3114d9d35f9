package org.flowwatch.producers.odk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OdkCursorTest {

    private static final Instant T0 = Instant.parse("2023-09-26T05:00:00.123Z");

    @Test
    void shouldSkipIdsSeenAtTheBoundaryButTakeNewOnesThere() {
        // given a cursor after uuid:a at T0
        OdkCursor cursor = OdkCursor.START.after("uuid:a", T0);
        // then
        assertThat(cursor.isNew("uuid:a", T0)).as("seen at the boundary").isFalse();
        assertThat(cursor.isNew("uuid:b", T0)).as("same millisecond, not seen").isTrue();
        assertThat(cursor.isNew("uuid:c", T0.plusMillis(1))).isTrue();
        assertThat(cursor.isNew("uuid:d", T0.minusMillis(1))).isFalse();
        assertThat(cursor.after("uuid:b", T0).versionsAtDate()).containsExactlyInAnyOrder("uuid:a", "uuid:b");
        assertThat(cursor.after("uuid:c", T0.plusMillis(1)).versionsAtDate()).containsExactly("uuid:c");
        assertThat(cursor.after("uuid:d", T0.minusMillis(1))).isEqualTo(cursor);
    }

    @Test
    void shouldReadBackWhatWasSavedWhenRestarted(@TempDir Path dir) {
        // given
        Path file = dir.resolve("odk").resolve("7-crossings.cursor");
        OdkCursor cursor = OdkCursor.START.after("uuid:a", T0).after("uuid:b", T0);
        // when
        cursor.save(file);
        // then
        assertThat(OdkCursor.load(file)).isEqualTo(cursor);
        assertThat(Files.exists(dir.resolve("odk").resolve("7-crossings.cursor.next"))).isFalse();
        assertThat(OdkCursor.load(dir.resolve("none"))).isEqualTo(OdkCursor.START);
    }

    @Test
    void shouldReadACursorWrittenBeforeEditsWerePulledFromItsSubmissionDate(@TempDir Path dir) throws Exception {
        // given a cursor file of the previous release
        Path file = dir.resolve("old.cursor");
        Files.writeString(file, "{\"submissionDate\":\"2023-09-26T05:00:00.123Z\",\"idsAtDate\":[\"uuid:a\"]}");

        // when
        OdkCursor cursor = OdkCursor.load(file);

        // then it goes on from the same time; the ids there are read once more (the streams app drops what it counted)
        assertThat(cursor.changedAt()).contains(T0);
        assertThat(cursor.isNew("uuid:a/0", T0)).isTrue();
        assertThat(cursor.isNew("uuid:z/0", T0.minusMillis(1))).isFalse();
    }
}
