package io.logdoctor.records;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RedactorTest {

    /** A secret counts as leaked if any run of this many of its characters survives. */
    private static final int LEAK_RUN = 5;

    private static List<String> rows(String resource) throws IOException {
        try (InputStream in = RedactorTest.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        }
    }

    @Test
    void shouldRedactEverySecretOfTheCorpus() throws IOException {
        List<String> leaks = new ArrayList<>();
        List<String> rows = rows("/redaction/secrets.tsv");
        for (String row : rows) {
            String[] parts = row.split("\t", 2);
            String redacted = Redactor.redact(parts[1]);
            if (!redacted.contains(Redactor.MASK) || leaked(parts[0], redacted)) {
                leaks.add(parts[0] + " survives in: " + redacted);
            }
        }
        assertTrue(rows.size() >= 60, "the corpus has " + rows.size() + " secret-bearing lines");
        assertEquals(List.of(), leaks);
    }

    /** True if a word of the secret, or a run of {@link #LEAK_RUN} characters of a longer one, is still there. */
    private static boolean leaked(String secret, String redacted) {
        for (String word : secret.split(" ")) {
            for (int i = 0; i + Math.min(LEAK_RUN, word.length()) <= word.length(); i++) {
                if (redacted.contains(word.substring(i, i + Math.min(LEAK_RUN, word.length())))) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void shouldLeaveLookAlikesIntact() throws IOException {
        List<String> rows = rows("/redaction/lookalikes.txt");
        Map<String, String> changed = new LinkedHashMap<>();
        for (String line : rows) {
            String redacted = Redactor.redact(line);
            if (!redacted.equals(line)) {
                changed.put(line, redacted);
            }
        }
        assertTrue(rows.size() >= 30, "the corpus has " + rows.size() + " look-alikes");
        assertEquals(Map.of(), changed);
    }

    @Test
    void shouldKeepTheLineReadable() {
        assertEquals("level=error msg=\"login failed\" user=admin password=[REDACTED] from=10.0.0.9",
                Redactor.redact("level=error msg=\"login failed\" user=admin password=hunter2 from=10.0.0.9"));
        assertEquals("dial postgres://app:[REDACTED]@10.0.1.20:5432/orders",
                Redactor.redact("dial postgres://app:s3cr3t@10.0.1.20:5432/orders"));
        assertEquals("user=svc password=\"[REDACTED]\" host=db",
                Redactor.redact("user=svc password=\"correct horse battery staple\" host=db"));
        assertEquals("POST https://hooks.slack.com/services/[REDACTED] failed",
                Redactor.redact("POST https://hooks.slack.com/services/T0A1B2C3D/B0E1F2G3H/AbCdEfGhIjKlMnOpQrStUvWx failed"));
        assertEquals("Authorization: Bearer [REDACTED]", Redactor.redact("Authorization: Bearer abc123DEF456ghi789"));
    }

    @Test
    void shouldGiveTheSameLineWhenRedactedTwice() throws IOException {
        for (String row : rows("/redaction/secrets.tsv")) {
            String once = Redactor.redact(row.split("\t", 2)[1]);
            assertEquals(once, Redactor.redact(once));
        }
    }

    /**
     * The lines that made the old rules quadratic (an 80k-char run took 21 s), and lines dense with
     * what each rule looks for: redacted in linear work, within 100 reads per character (the allowance is 400).
     */
    @Test
    void shouldDoLinearWorkOnHostileLines() {
        Map<String, String> hostile = new LinkedHashMap<>();
        hostile.put("letters", "a".repeat(80_000));
        hostile.put("dotted (old rule: 64 s)", "a.".repeat(40_000));
        hostile.put("user:password@ run", "a:b".repeat(27_000) + "@");
        hostile.put("scheme run", "a".repeat(80_000) + "://x");
        hostile.put("schemes", "a://b:".repeat(16_000));
        hostile.put("passwords", "password=".repeat(9_000));
        hostile.put("password words", "password=" + "a ".repeat(40_000));
        hostile.put("quoted", "password=\"" + "x".repeat(80_000));
        hostile.put("env names", ("A".repeat(59) + "_ ").repeat(1_300) + "_KEY=x");
        hostile.put("pem", "-----BEGIN PRIVATE KEY-----".repeat(3_000));
        hostile.put("base64", "Ab1/".repeat(20_000));
        hostile.put("tokens", "ghp_".repeat(20_000));
        hostile.put("mysql", "mysql ".repeat(13_000) + "-p");
        hostile.put("bearer", "bearer ".repeat(11_000));
        hostile.put("jwt", "eyJaaaaaaaaa.".repeat(6_000));
        Map<String, Long> costly = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : hostile.entrySet()) {
            String line = e.getValue();
            MeteredText.Allowance allowance = Redactor.allowance(line);
            long before = allowance.left();
            String out = Redactor.redact(line, SecretRules.ALL, allowance);
            long perChar = (before - allowance.left()) / line.length();
            if (perChar > 100 || out.startsWith("[REDACTED: whole line")) {
                costly.put(e.getKey(), perChar);
            }
        }
        assertEquals(Map.of(), costly, "reads per character");
    }

    @Test
    void shouldMaskTheWholeLineWhenTheAllowanceIsSpent() {
        String line = "password=hunter2 " + "a".repeat(40);
        long before = Redactor.overBudget();

        String out = Redactor.redact(line, SecretRules.ALL, new MeteredText.Allowance(20));

        assertEquals("[REDACTED: whole line of 57 chars, too costly to redact]", out);
        assertEquals(before + 1, Redactor.overBudget());
    }

    @Test
    void shouldRedactAnExcerptBeforeCuttingIt() {
        String line = "x".repeat(95) + " token=ghp_16C7e42F292c6912E7710c838347Ae178B4a " + "y".repeat(1 << 20);

        assertEquals("x".repeat(95) + " token=[REDAC…", Redactor.excerpt(line, 108));
        assertEquals("short password=[REDACTED]", Redactor.excerpt("short password=hunter2", 108));
        assertEquals("-----BEGIN PRIVATE KEY-----[REDACTED]-----END PRIVATE KEY-----…",
                Redactor.excerpt("-----BEGIN PRIVATE KEY-----" + "A".repeat(10_000), 70), "a key longer than the window is masked to its end");
    }

    @Test
    void shouldLeaveNullAndEmptyAlone() {
        assertEquals(null, Redactor.redact(null));
        assertEquals("", Redactor.redact(""));
    }
}
