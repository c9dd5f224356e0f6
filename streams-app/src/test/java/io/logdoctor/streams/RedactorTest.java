package io.logdoctor.streams;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RedactorTest {

    @Test
    void shouldRedactEverySecretOfTheCorpus() throws IOException {
        List<String> leaks = new ArrayList<>();
        int cases = 0;
        try (InputStream in = getClass().getResourceAsStream("/secrets.tsv")) {
            for (String row : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (row.isBlank() || row.startsWith("#")) {
                    continue;
                }
                String[] parts = row.split("\t", 2);
                cases++;
                String redacted = Redactor.redact(parts[1]);
                if (redacted.contains(parts[0]) || !redacted.contains(Redactor.MASK)) {
                    leaks.add(redacted);
                }
            }
        }
        assertTrue(cases >= 15, "the corpus is read");
        assertEquals(List.of(), leaks);
    }

    @Test
    void shouldKeepTheLineReadable() {
        assertEquals("level=error msg=\"login failed\" user=admin password=[REDACTED] from=10.0.0.9",
                Redactor.redact("level=error msg=\"login failed\" user=admin password=hunter2 from=10.0.0.9"));
        assertEquals("dial postgres://app:[REDACTED]@10.0.1.20:5432/orders",
                Redactor.redact("dial postgres://app:s3cr3t@10.0.1.20:5432/orders"));
    }

    @Test
    void shouldLeaveOrdinaryLinesAlone() {
        String line = "{\"level\":\"info\",\"ts\":\"2022-09-02T00:21:48.321Z\",\"caller\":\"entrypoint.sh\",\"msg\":\"Retrying waiting for IPAM-D\"}";
        assertEquals(line, Redactor.redact(line));
        String sts = "WebIdentityErr: failed to retrieve credentials caused by: Post \"https://sts.ap-southeast-1.amazonaws.com/\": dial tcp 103.246.148.245:443: i/o timeout";
        assertEquals(sts, Redactor.redact(sts));
    }
}
