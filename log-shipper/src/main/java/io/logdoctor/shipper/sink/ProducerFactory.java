package io.logdoctor.shipper.sink;

import org.apache.kafka.clients.producer.Producer;

/** Makes the producer a sink uses, and a fresh one after a failure; tests pass a mock. */
@FunctionalInterface
interface ProducerFactory {
    Producer<String, byte[]> create();
}
