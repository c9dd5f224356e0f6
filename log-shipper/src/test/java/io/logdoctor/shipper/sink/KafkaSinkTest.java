package io.logdoctor.shipper.sink;



import io.logdoctor.shipper.ShipperConfig;

import org.apache.kafka.clients.producer.ProducerConfig;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

import static org.junit.jupiter.api.Assertions.assertTrue;

class KafkaSinkTest {


    @Test
    void shouldKeepDeliveryGuaranteesOverPassedThroughProperties() {
        ShipperConfig config = ShipperConfig.defaults("broker:9092", Path.of("/var/log/pods"), Path.of("/state"))
                .withKafkaProperties(Map.of("security.protocol", "SASL_SSL", "acks", "1",
                        "enable.idempotence", "false", "linger.ms", "20"));

        Map<String, Object> props = KafkaSink.producerProperties(config);

        assertEquals("SASL_SSL", props.get("security.protocol"));
        assertEquals("20", props.get(ProducerConfig.LINGER_MS_CONFIG));
        assertEquals("all", props.get(ProducerConfig.ACKS_CONFIG));
        assertEquals("true", props.get(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG));
        assertEquals("lz4", props.get(ProducerConfig.COMPRESSION_TYPE_CONFIG));
        assertEquals(String.valueOf(6 * 1024 * 1024 + 64 * 1024), props.get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG));
        assertTrue(props.get(ProducerConfig.CLIENT_ID_CONFIG).toString().startsWith("logdoctor-shipper-"));
    }
}
