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
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DiagnoseCommandTest {

    @Test
    void shouldFindTheDemoDiagnosesInTheSampleFilesOffline() throws IOException {
        Path pods = Path.of("..", "samples", "pods").toAbsolutePath().normalize();
        List<String> args = new ArrayList<>(List.of("diagnose", "--format", "cri"));
        try (Stream<Path> files = Files.walk(pods)) {
            files.filter(p -> p.toString().endsWith(".log")).sorted().forEach(p -> args.add(p.toString()));
        }

        List<String> lambda = new ArrayList<>(List.of("diagnose", "--format", "cloudwatch"));
        try (Stream<Path> files = Files.list(pods.resolveSibling("lambda"))) {
            files.filter(p -> p.toString().endsWith(".cloudwatch.json")).sorted().forEach(p -> lambda.add(p.toString()));
        }

        Console c = Console.run(args.toArray(String[]::new));
        Console cw = Console.run(lambda.toArray(String[]::new));

        assertEquals(0, c.exitCode(), c.err());
        assertEquals(0, cw.exitCode(), cw.err());
        List<String> found = new ArrayList<>();
        for (String line : (c.out() + cw.out()).split("\n")) {
            JsonNode d = Json.MAPPER.readTree(line);
            found.add(d.get("status").asText() + " " + d.get("signature").asText() + " " + (d.at("/scope/function").isTextual()
                    ? "lambda:" + d.at("/scope/function").asText() : d.at("/scope/namespace").asText() + "/" + d.at("/scope/pod").asText()));
        }
        List<String> expected = Files.readAllLines(pods.resolveSibling("expected-diagnoses.txt")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).map(l -> "firing " + l.strip()).sorted().toList();
        assertEquals(expected, found.stream().filter(f -> f.startsWith("firing ")).sorted().toList());
        // The samples span 2022 to 2023 and are read file by file: log time passes every earlier quiet period.
        assertTrue(found.stream().filter(f -> f.startsWith("resolved ")).allMatch(f -> expected.contains(f.replace("resolved ", "firing "))), c.out());
    }

    @Test
    void shouldResolveWhenTheLogFallsQuietForTheQuietPeriod(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("kube-system_aws-node-x_0b6f2e8c-5a1d-4c9e-8f3b-7e2a9d6c1b54/aws-node/0.log");
        Files.createDirectories(file.getParent());
        StringBuilder cri = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            cri.append(String.format("2022-09-02T00:21:%02d.331Z stdout F {\"level\":\"info\",\"caller\":\"entrypoint.sh\",\"msg\":\"Retrying waiting for IPAM-D\"}%n", 48 + 2 * i));
        }
        cri.append("2022-09-02T01:00:00.000Z stdout F {\"level\":\"info\",\"msg\":\"Successfully copied CNI plugin binary and config file.\"}\n");
        Files.writeString(file, cri);

        Console c = Console.run("diagnose", "--format", "cri", file.toString());

        String[] lines = c.out().split("\n");
        assertEquals(2, lines.length, c.out());
        JsonNode firing = Json.MAPPER.readTree(lines[0]);
        JsonNode resolved = Json.MAPPER.readTree(lines[1]);
        assertEquals("firing", firing.get("status").asText());
        assertEquals("resolved", resolved.get("status").asText());
        assertEquals(firing.get("id"), resolved.get("id"));
        assertEquals("aws-node-x", firing.at("/scope/pod").asText());
    }

    @Test
    void shouldRejectAnUnknownFormat() {
        Console c = Console.run("diagnose", "--format", "syslog", "x.log");

        assertEquals(2, c.exitCode());
        assertTrue(c.err().contains("unknown --format 'syslog'; use raw, cri, docker, kubectl, cloudwatch"), c.err());
    }

    @Test
    void shouldDiagnoseASavedKubectlLogsFileAsThePodItCameFrom(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("aws-node.txt"); // kubectl logs -n kube-system aws-node-x -c aws-node --timestamps > aws-node.txt
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            out.append(String.format("2022-09-02T00:21:%02d.331000000Z {\"level\":\"info\",\"ts\":\"2022-09-02T00:21:%02d.331Z\","
                    + "\"caller\":\"entrypoint.sh\",\"msg\":\"Retrying waiting for IPAM-D\"}%n", 48 + 2 * i, 48 + 2 * i));
        }
        Files.writeString(file, out);

        Console anonymous = Console.run("diagnose", "--format", "kubectl", file.toString());
        Console named = Console.run("diagnose", "--format", "kubectl", "--namespace", "kube-system", "--pod", "aws-node-x",
                "--container", "aws-node", file.toString());

        assertEquals("", anonymous.out(), "the signature is scoped to kube-system; an unnamed file is namespace \"-\"");
        JsonNode d = Json.MAPPER.readTree(named.out().lines().findFirst().orElseThrow(() -> new AssertionError(named.err())));
        assertEquals("vpc-cni/ipamd-not-ready", d.get("signature").asText());
        assertEquals("kube-system/aws-node-x/aws-node", d.at("/scope/namespace").asText() + "/" + d.at("/scope/pod").asText()
                + "/" + d.at("/scope/container").asText());
        assertTrue(d.get("lastSeen").asText().startsWith("2022-09-02T00:21:56.331"), "kubectl's timestamps are the lines' times: " + d);
    }
}
