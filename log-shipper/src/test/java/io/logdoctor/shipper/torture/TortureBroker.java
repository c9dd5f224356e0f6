package io.logdoctor.shipper.torture;

import io.logdoctor.broker.EmbeddedKafka;
import io.logdoctor.records.TopicCreator;
import io.logdoctor.records.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The real KRaft broker the shipper ships to, on a fixed port and data dir so it can be stopped for an
 * outage and started again where it was, as a broker restart looks to its clients.
 */
final class TortureBroker implements AutoCloseable {

    private final EmbeddedKafka.Options options;
    private EmbeddedKafka kafka;

    TortureBroker(Path dataDir) throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        options = new EmbeddedKafka.Options(port, dataDir);
        kafka = EmbeddedKafka.start(options);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()))) {
            new TopicCreator(admin).createAll(Topics.ALL, 3, (short) 1, Duration.ofSeconds(60));
        }
    }

    String bootstrap() {
        return "127.0.0.1:" + options.port();
    }

    synchronized void stop() {
        kafka.close();
        kafka = null;
    }

    synchronized void start() {
        kafka = EmbeddedKafka.start(options);
    }

    @Override
    public synchronized void close() {
        if (kafka != null) {
            kafka.close();
        }
    }
}
