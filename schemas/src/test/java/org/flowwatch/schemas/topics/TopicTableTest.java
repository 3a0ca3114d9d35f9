package org.flowwatch.schemas.topics;

import static java.util.stream.Collectors.joining;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The topic table of docs/modules/schemas.md is the catalogue's, whole: a topic added, repartitioned or given another
 * retention in {@link Topics} fails the build until the page says so (the table to paste is in the failure).
 */
class TopicTableTest {

    private static final Path PAGE = Path.of("..", "docs", "modules", "schemas.md");

    @Test
    void shouldListEveryTopicOfTheCatalogueAsItIs() throws Exception {
        String table = "| Topic | Key | Value | Parts | Cleanup / retention | Purpose |\n|---|---|---|---|---|---|\n"
                + Topics.ALL.stream().map(TopicTableTest::row).collect(joining("\n")) + "\n";

        assertThat(Files.readString(PAGE)).as("docs/modules/schemas.md holds this table:%n%s", table).contains(table);
    }

    private static String row(TopicSpec<?, ?> topic) {
        return "| `" + topic.name() + "` | " + typeOf(topic.keyType()) + " | " + typeOf(topic.valueType()) + " | "
                + topic.partitions() + " | " + keeping(topic) + " | " + topic.purpose() + " |";
    }

    private static String typeOf(Class<?> type) {
        return type == byte[].class ? "bytes" : "`" + type.getSimpleName() + "`";
    }

    private static String keeping(TopicSpec<?, ?> topic) {
        Duration retention = Duration.ofMillis(Long.parseLong(topic.configs().getOrDefault("retention.ms", "604800000")));
        String kept = retention.isNegative() ? "forever" : retention.toDays() >= 1 ? retention.toDays() + " d" : retention.toHours() + " h";
        return (topic.isCompacted() ? "compact, " : "delete, ") + kept;
    }
}
