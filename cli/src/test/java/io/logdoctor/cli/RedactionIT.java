package io.logdoctor.cli;

import io.logdoctor.broker.EmbeddedKafka;
import io.logdoctor.broker.EmbeddedKafkaExtension;
import io.logdoctor.patterns.SignatureCatalog;
import io.logdoctor.streams.DiagnosisApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Secrets in a matching line never reach /diagnoses (no auth), and a line built to make the old
 * rules quadratic (80k chars of "a.", 64 s before) holds nothing up: a canary pod matched after it
 * still gets its diagnosis.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class RedactionIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String SIGNATURE = """
            id: team/upstream-auth
            title: Upstream auth fails
            severity: error
            match:
              full: 'upstream auth failed%{GREEDYDATA:rest}'
            fire:
              count: 1
              window: 1m
            cause: The upstream refused the credentials.
            remediation:
              - Rotate the credentials.
            references:
              - team runbook
            """;
    private static final List<String> SECRETS = List.of("T0A1B2C3D/B0E1F2G3H/AbCdEfGhIjKlMnOpQrStUvWx", "horse battery",
            "Fq3/2kXbP9mLrT7vWz1YcN8sHd4Ju6GeKa0QoRi5", "S3cure!Pass", "R00tPassw0rd", "W0nderland42", "9f8e7d6c5b4a3928",
            "sk_live_51H8xYzAbCdEfGhIjKlMnOpQr", "AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY", "e93facc04764012d7bfb002500d5d1a6");

    @TempDir
    Path work;

    @Test
    void shouldKeepSecretsOutOfDiagnosesAndGoOnAfterAHostileLine(EmbeddedKafka kafka) throws Exception {
        String bootstrap = kafka.bootstrapServers();
        Services.createTopics(bootstrap, Map.of(), 3, (short) 1);
        Path dir = work.resolve("catalog");
        Files.createDirectories(dir.resolve("team"));
        Files.writeString(dir.resolve("team/upstream-auth.yaml"), SIGNATURE);
        Files.writeString(dir.resolve("team/upstream-auth.match.log"), "upstream auth failed for x\n");
        SignaturePublisher.publish(bootstrap, Map.of(), dir, SignatureCatalog.load(dir));
        try (DiagnosisApp app = DiagnosisApp.start(DiagnosisApp.Options.of(bootstrap, work.resolve("state"), SignatureCatalog.bundled())
                .withHttp(0, "127.0.0.1").withKafkaProperties(Map.of("application.id", "it-" + UUID.randomUUID())))) {
            String base = "http://127.0.0.1:" + app.httpPort();
            Http.await(base + "/signatures", r -> r.body().contains("team/upstream-auth"), WAIT);

            StreamsAppIT.produce(bootstrap, "leaky-0", "upstream auth failed: POST https://hooks.slack.com/services/"
                    + "T0A1B2C3D/B0E1F2G3H/AbCdEfGhIjKlMnOpQrStUvWx user=svc password=\"correct horse battery staple\" "
                    + "aws Fq3/2kXbP9mLrT7vWz1YcN8sHd4Ju6GeKa0QoRi5 cmd=\"helm install --password S3cure!Pass\"", 1);
            StreamsAppIT.produce(bootstrap, "leaky-1", "upstream auth failed: mysql -uroot -pR00tPassw0rd body=user%3Da%26password%3DW0nderland42 "
                    + "X-Api-Key: 9f8e7d6c5b4a3928 key=sk_live_51H8xYzAbCdEfGhIjKlMnOpQr "
                    + "maps=AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY {\"routing_key\":\"e93facc04764012d7bfb002500d5d1a6\"}", 1);
            StreamsAppIT.produce(bootstrap, "hostile-0", "upstream auth failed " + "a.".repeat(40_000), 1);
            StreamsAppIT.produce(bootstrap, "canary-0", "upstream auth failed for the canary", 1);

            String diagnoses = Http.await(base + "/diagnoses", r -> r.body().contains("canary-0")
                    && r.body().contains("leaky-0") && r.body().contains("leaky-1") && r.body().contains("hostile-0"), WAIT).body();
            List<String> leaked = SECRETS.stream().filter(diagnoses::contains).toList();
            assertEquals(List.of(), leaked, diagnoses);
            assertTrue(diagnoses.contains("password=\\\"[REDACTED]\\\""), diagnoses);
            assertTrue(Http.get(base + "/metrics").body().contains("logdoctor_redaction_over_budget_total 0.0"), "the hostile line was redacted, not masked whole");
        }
    }
}
