package io.logdoctor.streams;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logdoctor.broker.EmbeddedKafka;
import io.logdoctor.broker.EmbeddedKafkaExtension;
import io.logdoctor.patterns.SignatureCatalog;
import io.logdoctor.records.HttpOptions;
import io.logdoctor.records.LogRecord;
import io.logdoctor.records.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, point 8: whoever can write the signatures topic can neither slow the app down for good with a
 * catastrophic pattern (it is disabled) nor replace a bundled signature without saying so.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class CatalogueGuardIT {

    private static final String CATASTROPHIC = Resources.text("/pushed/catastrophic.yaml");
    private static final String RETRY_LOOP = Resources.text("/pushed/retry-loop.yaml");

    @TempDir
    Path work;

    @Test
    void shouldDisableACatastrophicSignatureAndRefuseASilentOverride(EmbeddedKafka broker) throws Exception {
        BrokerKit kafka = new BrokerKit(broker.bootstrapServers());
        SignatureCatalog catalog = SignatureCatalog.load(Path.of(getClass().getResource("/test-catalog").toURI()));
        try (DiagnosisApp app = DiagnosisApp.start(new DiagnosisApp.Options(broker.bootstrapServers(), work.resolve("state"), catalog,
                true, 0, "127.0.0.1", HttpOptions.defaults(), DiagnosisTopology.REPEAT_INTERVAL, BrokerKit.isolated()))) {
            String base = "http://127.0.0.1:" + app.httpPort();
            push(kafka, "team/catastrophic", CATASTROPHIC);
            push(kafka, "demo/retry-loop", RETRY_LOOP);
            BrokerKit.await(base + "/signatures", r -> r.body().contains("team/catastrophic"));
            BrokerKit.await(base + "/metrics", r -> r.body().contains("\nlogdoctor_signatures_rejected_total 1.0\n"));
            assertTrue(BrokerKit.get(base + "/signatures").body().contains(
                    "{\"id\":\"demo/retry-loop\",\"title\":\"The daemon keeps retrying\",\"severity\":\"critical\",\"origin\":\"bundled\"}"),
                    "the silent override was refused");

            String run = UUID.randomUUID().toString();
            LogRecord[] hostile = new LogRecord[150];
            for (int i = 0; i < hostile.length; i++) {
                hostile[i] = BrokerKit.record("words-" + run, Instant.now().toString(), "a".repeat(30 + i % 7) + "!");
            }
            kafka.produce(hostile);
            String signatures = BrokerKit.await(base + "/signatures", r -> r.body().contains("\"disabled\":\"regex budget")).body();
            assertTrue(signatures.contains("{\"id\":\"team/catastrophic\",\"title\":\"A pattern that backtracks without end\","
                    + "\"severity\":\"warning\",\"origin\":\"topic@"), signatures);
            assertTrue(BrokerKit.get(base + "/metrics").body().contains("\nlogdoctor_signatures_disabled 1.0\n"));

            String canary = "canary-" + run;
            kafka.produceCanary(canary);
            kafka.awaitDiagnosis(d -> canary.equals(d.scope().pod()), "diagnosis of the canary pod " + canary);

            push(kafka, "demo/retry-loop", RETRY_LOOP + "overrides: true\n");
            BrokerKit.await(base + "/signatures", r -> r.body().contains(
                    "\"severity\":\"info\",\"origin\":\"topic@") && r.body().contains(", overrides bundled\""));
        }
    }

    private static void push(BrokerKit kafka, String id, String text) throws Exception {
        kafka.produceRaw(Topics.SIGNATURES.name(), id, text.getBytes(StandardCharsets.UTF_8));
    }
}
