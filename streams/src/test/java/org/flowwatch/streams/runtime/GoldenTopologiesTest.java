package org.flowwatch.streams.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.streams.Topology;
import org.flowwatch.streams.sites.SitesApp;
import org.flowwatch.streams.sites.SitesSettings;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.flowwatch.streams.arrivals.ArrivalsApp;

/**
 * Each app's topology, as the production code builds it with the default settings, compared whole with its golden
 * description in src/test/resources/topology. A store, changelog or repartition topic renamed or removed loses the
 * state behind it on the next deployment, so such a change must be made on purpose: the failure names the stores and
 * internal topics that differ and says how to accept the change ({@code -Dflowwatch.topology.update=true}) and what
 * the deployment then needs (README, "When the topology changes").
 */
class GoldenTopologiesTest {

    private static final Path GOLDEN = Path.of("src", "test", "resources", "topology");
    private static final boolean UPDATE = Boolean.getBoolean("flowwatch.topology.update");
    /** Stores and the topics Kafka Streams derives from them or from explicit names. */
    private static final Pattern STATE = Pattern.compile("stores: \\[([^\\]]*)]|topics?: \\[?([\\w.-]+-repartition)]?");

    @ParameterizedTest
    @ValueSource(strings = {"arrivals", "sites"})
    void shouldBuildTheTopologyItsGoldenDescriptionSays(String app) throws IOException {
        String description = topology(app).describe().toString();
        Path golden = GOLDEN.resolve(app + ".txt");
        if (UPDATE) {
            Files.writeString(golden, description, StandardCharsets.UTF_8);
        }
        String expected = Files.readString(golden, StandardCharsets.UTF_8);

        assertThat(state(description)).as("""
                the %s app's stores and repartition topics differ from %s: a renamed or removed store or topic loses its \
                state on deployment. If the change is on purpose, rerun with -Dflowwatch.topology.update=true, commit the \
                golden file, and deploy as the README's "When the topology changes" says""".formatted(app, golden))
                .isEqualTo(state(expected));
        assertThat(description).as("""
                the %s app's topology differs from %s (stores and topics are the same). If on purpose, rerun with \
                -Dflowwatch.topology.update=true and commit the golden file""".formatted(app, golden))
                .isEqualTo(expected);
    }

    private static Topology topology(String app) {
        return switch (app) {
            case "arrivals" -> ArrivalsApp.topology(StreamsSettings.from(StreamsSettings.loader().load()));
            case "sites" -> SitesApp.topology(SitesSettings.from(SitesSettings.loader().load()));
            default -> throw new IllegalArgumentException(app);
        };
    }

    /** The names of every state store and repartition topic in a description. */
    private static Set<String> state(String description) {
        Set<String> names = new TreeSet<>();
        Matcher found = STATE.matcher(description);
        while (found.find()) {
            String list = found.group(1) != null ? found.group(1) : found.group(2);
            for (String name : list.split(",")) {
                if (!name.isBlank()) {
                    names.add(name.strip());
                }
            }
        }
        return names;
    }
}
