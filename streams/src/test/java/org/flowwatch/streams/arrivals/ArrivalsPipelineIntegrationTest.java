package org.flowwatch.streams.arrivals;

import org.flowwatch.embedded.EmbeddedStack;
import org.flowwatch.embedded.EmbeddedStackExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The pipeline on the embedded KRaft broker and Apicurio registry: what CI runs here, where there is no Docker. */
@Tag("integration")
@Timeout(120)
@ExtendWith(EmbeddedStackExtension.class)
class ArrivalsPipelineIntegrationTest extends ArrivalsPipelineContract {

    private EmbeddedStack stack;

    @BeforeEach
    void useStack(EmbeddedStack stack) {
        this.stack = stack;
    }

    @Override
    String bootstrapServers() {
        return stack.bootstrapServers();
    }

    @Override
    String registryUrl() {
        return stack.registryUrl();
    }
}
