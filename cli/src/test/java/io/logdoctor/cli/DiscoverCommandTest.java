package io.logdoctor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.logdoctor.records.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiscoverCommandTest {

    @TempDir
    Path dir;

    /** The same never-seen error in three pods, among normal lines and an error a bundled signature explains. */
    static List<Path> threePods(Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        for (String pod : List.of("ledger-7f9c-a", "ledger-7f9c-b", "ledger-7f9c-c")) {
            StringBuilder log = new StringBuilder();
            for (int i = 0; i < 6; i++) {
                log.append("2024-05-01T10:0").append(i).append(":00.000000000Z stdout F INFO served request ").append(i).append('\n');
                log.append("2024-05-01T10:0").append(i).append(":10.000000000Z stderr F ERROR ledger shard ").append(i % 4)
                        .append(" refused write: quorum lost after ").append(120 + i).append("ms\n");
            }
            // an error the bundled catalogue explains (go/panic): not a candidate
            log.append("2024-05-01T10:07:00.000000000Z stderr F panic: runtime error: invalid memory address or nil pointer dereference\n");
            files.add(Files.writeString(dir.resolve(pod + ".log"), log.toString()));
        }
        return files;
    }

    static String[] discover(List<Path> files, String... options) {
        List<String> args = new ArrayList<>(List.of("discover", "--format", "cri"));
        args.addAll(List.of(options));
        files.forEach(f -> args.add(f.toString()));
        return args.toArray(String[]::new);
    }

    @Test
    void shouldRankTheUnexplainedErrorSeenInThreePods() throws IOException {
        List<Path> files = threePods(dir);

        Console c = Console.run(discover(files, "--json"));

        assertEquals(0, c.exitCode(), c.err());
        String[] lines = c.out().split("\n");
        assertEquals(1, lines.length, c.out());
        JsonNode top = Json.MAPPER.readTree(lines[0]);
        assertEquals("ERROR ledger shard <NUM> refused write: quorum lost after <DURATION>", top.get("template").asText());
        assertEquals(18, top.get("count").asInt());
        assertEquals(3, top.get("scopeCount").asInt());
        assertEquals("2024-05-01T10:00:10Z", Instant.ofEpochMilli(top.get("firstSeen").asLong()).toString());
        assertEquals(3.6, top.get("ratePerMinute").asDouble(), 1e-9); // 18 in the 5 minutes from 10:00:10 to 10:05:10
        assertTrue(c.err().contains("18 of 39 lines mined"), c.err());
    }

    @Test
    void shouldAssignEveryLineItsFinalTemplate() throws IOException {
        Path log = Files.writeString(dir.resolve("x.log"), "open /a/b failed\nretry 1\nopen /c/d failed\nretry 22\n");
        Path out = dir.resolve("assignments.jsonl");

        Console c = Console.run("discover", "--all-lines", "--assignments", out.toString(), log.toString());

        assertEquals(0, c.exitCode(), c.err());
        assertEquals(List.of("{\"line\":1,\"template\":\"open <PATH> failed\"}", "{\"line\":2,\"template\":\"retry <NUM>\"}",
                "{\"line\":3,\"template\":\"open <PATH> failed\"}", "{\"line\":4,\"template\":\"retry <NUM>\"}"),
                Files.readAllLines(out));
    }

    @Test
    void shouldDraftASkeletonThatLintRefusesUntilItsTodosAreWritten() throws IOException {
        List<Path> files = threePods(dir);
        Console list = Console.run(discover(files, "--json"));
        String id = Json.MAPPER.readTree(list.out().split("\n")[0]).get("id").asText();
        Path catalog = dir.resolve("catalog");

        Console c = Console.run(discover(files, "--draft", id, "--signature-id", "team/ledger-quorum-lost", "--into",
                catalog.toString()));

        assertEquals(0, c.exitCode(), c.err());
        String yaml = Files.readString(catalog.resolve("team/ledger-quorum-lost.yaml"));
        assertTrue(yaml.contains("fire:\n  count: 3\n  window: 5m\n"), yaml);
        // a duration may be written apart from its unit ("3 sec"), so its Grok is more than %{NOTSPACE}
        assertTrue(yaml.contains("  drafted: 'ERROR\\s+ledger\\s+shard\\s+%{NUMBER}\\s+refused\\s+write:\\s+quorum\\s+lost\\s+after\\s+"
                + "[<>]?(?:\\d+(?::\\d+)+(?:\\.\\d+)?|%{NUMBER}(?:[a-zµ]+%{NUMBER})*\\s?[a-zA-Zµ]+)'"), yaml);
        Console lint = Console.run("signatures", "lint", catalog.toString());
        assertEquals(1, lint.exitCode());
        assertTrue(lint.out().contains("field 'cause': still says TODO"), lint.out());

        Console again = Console.run(discover(files, "--draft", id, "--signature-id", "team/ledger-quorum-lost", "--into",
                catalog.toString()));
        assertEquals(2, again.exitCode());
        assertTrue(again.err().contains("exists; not overwritten"), again.err());
    }
}
