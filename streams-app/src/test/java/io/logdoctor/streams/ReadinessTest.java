package io.logdoctor.streams;

import com.sun.net.httpserver.HttpServer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** /readyz over a real local HTTP server. */
class ReadinessTest {

    private final AtomicReference<KafkaStreams.State> state = new AtomicReference<>(KafkaStreams.State.RUNNING);
    private final ThreadFailures failures = new ThreadFailures(() -> 5_000);
    private final AtomicReference<String> kafka = new AtomicReference<>();
    private HttpServer server;

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void shouldAnswerReadyOnlyWhileStreamsRunsAndItsThreadsDoNotKeepDying() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/readyz", new Readiness(state::get, failures, kafka::get)::handle);
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/readyz";

        assertEquals(new BrokerKit.Response(200, "ready\n"), BrokerKit.get(url));

        kafka.set("Kafka at k:9092 unreachable for 15 s (TimeoutException: timed out)");
        assertEquals(new BrokerKit.Response(503, "not ready: Kafka at k:9092 unreachable for 15 s (TimeoutException: timed out)\n"),
                BrokerKit.get(url));
        kafka.set(null);

        state.set(KafkaStreams.State.PENDING_ERROR);
        assertEquals(new BrokerKit.Response(503, "not ready: kafka streams is pending_error\n"), BrokerKit.get(url));

        state.set(KafkaStreams.State.REBALANCING);
        for (int i = 0; i < ThreadFailures.LIMIT; i++) {
            failures.record(new ArithmeticException("long overflow"));
        }
        assertEquals(new BrokerKit.Response(503, "not ready: stream threads failed 3 times in the last 10 minutes (3 in all); "
                + "last: java.lang.ArithmeticException: long overflow\n"), BrokerKit.get(url));
    }
}
