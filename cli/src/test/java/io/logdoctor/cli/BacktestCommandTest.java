package io.logdoctor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.logdoctor.records.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BacktestCommandTest {

    @TempDir
    Path dir;

    static final String SIGNATURE = """
            id: team/ledger-quorum-lost
            title: Ledger shards refuse writes because their quorum is lost
            severity: error
            match:
              drafted: 'ERROR\\s+ledger\\s+shard\\s+%{NUMBER}\\s+refused\\s+write:\\s+quorum\\s+lost'
            fire:
              count: 3
              window: 5m
            resolve:
              quiet: 10m
            cause: A shard lost its quorum.
            remediation:
              - Restore the quorum.
            references:
              - team runbook
            """;

    static Path signature(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("catalog/team"));
        return Files.writeString(dir.resolve("catalog/team/ledger-quorum-lost.yaml"), SIGNATURE);
    }

    @Test
    void shouldReportEachPodTheSignatureWouldHaveFiredIn() throws IOException {
        List<Path> logs = DiscoverCommandTest.threePods(dir);
        List<String> args = new ArrayList<>(List.of("signatures", "backtest", "--json", signature(dir).toString(),
                "--format", "cri", "--files"));
        logs.forEach(l -> args.add(l.toString()));

        Console c = Console.run(args.toArray(String[]::new));

        assertEquals(0, c.exitCode(), c.err());
        List<String> pods = new ArrayList<>();
        for (String line : c.out().split("\n")) {
            JsonNode r = Json.MAPPER.readTree(line);
            assertEquals("team/ledger-quorum-lost", r.get("signature").asText());
            assertEquals(1, r.get("firings").asInt());
            assertEquals(6, r.get("count").asInt());
            assertEquals("2024-05-01T10:00:10Z", r.get("firstSeen").asText().replace(".000000000", ""));
            assertTrue(r.get("evidence").get(0).get("line").asText().startsWith("ERROR ledger shard 0 refused write"), line);
            pods.add(r.at("/scope/pod").asText());
        }
        assertEquals(List.of("ledger-7f9c-a.log", "ledger-7f9c-b.log", "ledger-7f9c-c.log"), pods); // a file outside /var/log/pods is its own pod
        assertTrue(c.err().contains("39 records"), c.err());
    }

    @Test
    void shouldReportTheLinesLikeItsNearMissesMatchedOrNot() throws IOException {
        Path yaml = signature(dir);
        Files.writeString(dir.resolve("catalog/team/ledger-quorum-lost.match.log"),
                "ERROR ledger shard 0 refused write: quorum lost after 120ms\n");
        Files.writeString(dir.resolve("catalog/team/ledger-quorum-lost.nomatch.log"), """
                # near misses
                WARN ledger shard 1 refused write: quorum lost during the drill, retry in 5s
                ERROR ledger shard 1 refused read: quorum lost
                ERROR ledger shard 1 accepted write: quorum restored
                """);
        StringBuilder log = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            log.append("2024-05-01T10:0").append(i).append(":00.000000000Z stdout F INFO served request ").append(i).append('\n');
            log.append("2024-05-01T10:0").append(i).append(":10.000000000Z stderr F ERROR ledger shard ").append(i)
                    .append(" refused write: quorum lost after 12").append(i).append("ms\n");
        }
        // like near miss 2 and left alone; like near miss 1 and matched (too broad?); like nothing
        log.append("2024-05-01T10:05:00.000000000Z stderr F ERROR ledger shard 2 refused read: quorum lost token=s3cr3tvalue\n");
        log.append("2024-05-01T10:05:01.000000000Z stderr F ERROR ledger shard 3 refused write: quorum lost during the drill, retry in 9s\n");
        log.append("2024-05-01T10:05:02.000000000Z stderr F ERROR ledger shard 3 refused: disk full\n");
        Path file = Files.writeString(dir.resolve("ledger-7f9c-a.log"), log.toString());

        Console text = Console.run("signatures", "backtest", yaml.toString(), "--format", "cri", "--files", file.toString());
        Console json = Console.run("signatures", "backtest", "--json", yaml.toString(), "--format", "cri", "--files",
                file.toString());

        assertEquals(0, text.exitCode(), text.err());
        String out = text.out();
        assertTrue(out.contains("near misses (ledger-quorum-lost.nomatch.log, 3 lines): 7 lines of the history compared\n"
                + "  like a near miss, not matched: 1 lines, e.g.\n"
                + "    0.89  ERROR ledger shard 2 refused read: quorum lost token=[REDACTED]\n"
                + "          like: ERROR ledger shard 1 refused read: quorum lost\n"
                + "  matched, yet more like a near miss than like any .match.log line (the rule may be too broad): 1 lines, e.g.\n"
                + "    0.93  ERROR ledger shard 3 refused write: quorum lost during the drill, retry in 9s\n"
                + "          like: WARN ledger shard 1 refused write: quorum lost during the drill, retry in 5s\n"), out);
        String[] lines = json.out().split("\n");
        JsonNode near = Json.MAPPER.readTree(lines[lines.length - 1]).get("nearMisses");
        assertEquals(7, near.get("examined").asInt());
        assertEquals(1, near.at("/notMatched/count").asInt());
        assertEquals(1, near.at("/matched/count").asInt());
        assertEquals("WARN ledger shard 1 refused write: quorum lost during the drill, retry in 5s",
                near.at("/matched/examples/0/nearMiss").asText());
    }

    @Test
    void shouldNameAMalformedStartOption() throws IOException {
        Console c = Console.run("signatures", "backtest", "--from", "yesterday", signature(dir).toString());

        assertEquals(2, c.exitCode());
        assertTrue(c.err().contains("--from: use a number and a unit s, m, h or d, like 24h; was 'yesterday'"), c.err());
    }
}
