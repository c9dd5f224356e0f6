package io.logdoctor.patterns.mining;

import io.krakens.grok.api.GrokCompiler;
import io.logdoctor.patterns.CatalogLint;
import io.logdoctor.patterns.SignatureCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SignatureDraftTest {

    @TempDir
    Path root;

    private static Candidate candidate() {
        CandidateBook book = new CandidateBook(TemplateMiner.Settings.DEFAULT);
        String[] pods = {"web-1", "web-2", "web-3"};
        for (int i = 0; i < 12; i++) {
            book.observe("ERROR ledger shard " + (i % 4) + " refused write after 3" + i + "ms from 10.0.0." + i,
                    "prod/" + pods[i % 3], 60_000L * i);
        }
        return book.ranked().get(0);
    }

    @Test
    void shouldTypeEachWildcardOfTheTemplate() {
        assertEquals("ERROR\\s+ledger\\s+shard\\s+%{NUMBER}\\s+refused\\s+write\\s+after\\s+"
                        + "[<>]?(?:\\d+(?::\\d+)+(?:\\.\\d+)?|%{NUMBER}(?:[a-zµ]+%{NUMBER})*\\s?[a-zA-Zµ]+)\\s+from\\s+%{IP}(?::%{INT})?",
                SignatureDraft.grok("ERROR ledger shard <NUM> refused write after <DURATION> from <IP>"));
        assertEquals("\\(%{NUMBER}\\)\\s+x=%{UUID},", SignatureDraft.grok("(<NUM>) x=<UUID>,"));
    }

    @Test
    void shouldDraftAPatternThatMatchesEachSpellingOfAQuantityOrADate() {
        GrokCompiler grok = GrokCompiler.newInstance();
        grok.registerDefaultPatterns();
        Pattern p = Pattern.compile(grok.compile(SignatureDraft.grok("sent <SIZE> (lifetime <DURATION>)"), true).getNamedRegex());
        for (String line : List.of("sent 1190 bytes (lifetime 00:01)", "sent 10MB (lifetime <1 sec)",
                "sent 0 bytes (lifetime 1h2m3.5s)", "sent 1.16 KB (lifetime 16:00:46.635)", "sent 3 KiB (lifetime 250ms)")) {
            assertTrue(p.matcher(line).matches(), line);
        }
        assertFalse(p.matcher("sent many bytes (lifetime 00:01)").find());
        Pattern date = Pattern.compile(grok.compile(SignatureDraft.grok("at <DATE> <DATE> <NUM>"), true).getNamedRegex());
        assertTrue(date.matcher("at Fri Jun 17").matches());
        assertTrue(date.matcher("at Monday, September 5").matches());
    }

    @Test
    void shouldDraftASignatureThatLintRefusesUntilItsTodosAreWritten() throws IOException {
        Candidate c = candidate();
        assertEquals(12, c.count());
        assertEquals(3, c.scopeCount());
        SignatureDraft.Files draft = SignatureDraft.of("team/ledger-refused", c);
        write(draft.yaml(), draft.match(), draft.nomatch());

        List<String> problems = CatalogLint.run(root);
        assertTrue(problems.contains("team/ledger-refused.yaml:2: field 'title': still says TODO; write it before the "
                + "signature ships; was 'TODO: what is broken, in words an on-call SRE acts on'"), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("field 'cause': still says TODO")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("field 'remediation[0]': still says TODO")), problems.toString());
        assertTrue(problems.contains("team/ledger-refused.nomatch.log: needs at least 3 near-miss fixture lines; was 0"),
                problems.toString());

        write(draft.yaml().replaceAll("'TODO: [^']*'", "'Ledger shards refuse writes'"), draft.match(),
                "INFO ledger shard 1 accepted write after 3ms from 10.0.0.1\nERROR ledger shard 1 refused read\n"
                        + "ERROR ledger shard 1 refused write\n");
        assertEquals(List.of(), CatalogLint.run(root));
        SignatureCatalog catalog = SignatureCatalog.load(root);
        Pattern drafted = catalog.signatures().get(0).compiled().get("drafted");
        for (String example : c.examples()) {
            assertTrue(drafted.matcher(example).find(), example);
        }
        assertEquals(2, catalog.signatures().get(0).fire().count()); // 4 a pod, halved
    }

    @Test
    void shouldRefuseAnIdOutsideTheCatalogueGrammar() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SignatureDraft.of("Ledger Refused", candidate()));
        assertEquals("signature id must be <area>/<name> in lower case, digits and dashes, like team/disk-full; "
                + "was 'Ledger Refused'", e.getMessage());
    }

    private void write(String yaml, String match, String nomatch) throws IOException {
        Files.createDirectories(root.resolve("team"));
        Files.writeString(root.resolve("team/ledger-refused.yaml"), yaml);
        Files.writeString(root.resolve("team/ledger-refused.match.log"), match);
        Files.writeString(root.resolve("team/ledger-refused.nomatch.log"), nomatch);
    }
}
