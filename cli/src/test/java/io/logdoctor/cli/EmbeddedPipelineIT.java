package io.logdoctor.cli;

import io.logdoctor.broker.EmbeddedKafka;
import io.logdoctor.broker.EmbeddedKafkaExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/** The pipeline contract on the embedded KRaft broker: runs everywhere, CI included. */
@ExtendWith(EmbeddedKafkaExtension.class)
class EmbeddedPipelineIT extends PipelineContract {

    private String bootstrap;

    @BeforeEach
    void broker(EmbeddedKafka kafka) {
        bootstrap = kafka.bootstrapServers();
    }

    @Override
    String bootstrapServers() {
        return bootstrap;
    }
}
