package org.flowwatch.schemas.testing;

import org.flowwatch.embedded.EmbeddedStack;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.schemas.serde.RegistrySettings;
import org.flowwatch.schemas.topics.TopicAdmin;
import org.flowwatch.schemas.topics.Topics;

/** The embedded stack made ready for a test: every topic of the catalogue created, serdes on its registry. */
public final class StackTopics {

    private StackTopics() {
    }

    /** Creates the topics of the catalogue that {@code stack} lacks (one replica) and returns serdes on its registry. */
    public static FlowwatchSerdes serdesWithTopics(EmbeddedStack stack) {
        try (TopicAdmin admin = TopicAdmin.forBootstrap(stack.bootstrapServers())) {
            admin.createMissing(Topics.ALL, (short) 1);
        }
        return FlowwatchSerdes.forRegistry(RegistrySettings.of(stack.registryUrl()));
    }
}
