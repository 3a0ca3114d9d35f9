package org.flowwatch.streams.arrivals;

import java.nio.file.Path;
import org.flowwatch.embedded.EmbeddedRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The same pipeline test against Kafka in a container (the apache/kafka image), for machines with a Docker engine.
 * Where none runs (as on our CI machines) JUnit reports it skipped: "disabled: Docker is not available".
 * The registry stays the embedded Apicurio: no registry image speaking Confluent's API is reachable here.
 */
@Tag("integration")
@Timeout(300)
@Testcontainers(disabledWithoutDocker = true)
class ArrivalsPipelineTestcontainersIntegrationTest extends ArrivalsPipelineContract {

    @Container
    static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.1.1");

    private static EmbeddedRegistry registry;

    @BeforeAll
    static void startRegistry(@TempDir Path dir) {
        registry = EmbeddedRegistry.start(dir, 0);
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    @Override
    String bootstrapServers() {
        return KAFKA.getBootstrapServers();
    }

    @Override
    String registryUrl() {
        return registry.url();
    }
}
