package io.logdoctor.shipper.testing;

import io.logdoctor.records.TopicCreator;
import io.logdoctor.records.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import java.time.Duration;
import java.util.Map;

/** Creates the pipeline's topics (idempotent) and waits until they accept writes (KAFKA-15591). */
public final class Topics4Test {

    private Topics4Test() {
    }

    public static void create(String bootstrap) throws InterruptedException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            new TopicCreator(admin).createAll(Topics.ALL, 3, (short) 1, Duration.ofSeconds(60));
        }
    }
}
