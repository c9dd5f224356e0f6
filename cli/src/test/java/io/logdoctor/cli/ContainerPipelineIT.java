package io.logdoctor.cli;

import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The same pipeline contract on the official apache/kafka image. Skipped, with Testcontainers'
 * "Docker is not available" reason, on machines without a Docker engine (CI here has none).
 */
@Testcontainers(disabledWithoutDocker = true)
class ContainerPipelineIT extends PipelineContract {

    @Container
    static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.3.1");

    @Override
    String bootstrapServers() {
        return KAFKA.getBootstrapServers();
    }
}
