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
    void shouldNameAMalformedStartOption() throws IOException {
        Console c = Console.run("signatures", "backtest", "--from", "yesterday", signature(dir).toString());

        assertEquals(2, c.exitCode());
        assertTrue(c.err().contains("--from: use a number and a unit s, m, h or d, like 24h; was 'yesterday'"), c.err());
    }
}
