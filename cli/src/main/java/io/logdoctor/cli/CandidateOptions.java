package io.logdoctor.cli;

import io.logdoctor.patterns.mining.Candidate;
import io.logdoctor.patterns.mining.SignatureDraft;
import io.logdoctor.records.Json;

import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** The options {@code discover} and {@code candidates} share: what they print, and the draft they write. */
final class CandidateOptions {

    @Option(names = "--top", defaultValue = "20", description = "How many candidates to print (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--json", description = "Print candidates as JSON lines.")
    boolean json;

    @Option(names = "--draft", paramLabel = "CANDIDATE", description = "Write a signature skeleton from this candidate id.")
    String draft;

    @Option(names = "--signature-id", paramLabel = "ID", description = "The drafted signature's id (default: draft/<candidate>).")
    String signatureId;

    @Option(names = "--into", paramLabel = "DIR", defaultValue = ".", description = "Where --draft writes (default: ${DEFAULT-VALUE}).")
    Path into;

    /** Writes the draft if {@code --draft} was given, else prints the top candidates. */
    void emit(String command, List<Candidate> ranked) throws IOException {
        if (draft != null) {
            Path yaml = draft(ranked, draft, signatureId, into);
            System.err.println("logdoctor " + command + ": drafted " + yaml + "; write its TODOs, then: logdoctor signatures lint DIR");
            return;
        }
        print(ranked, top, json, System.out);
    }

    /** The top {@code top} candidates: a table for a person, or one JSON object per line. */
    static void print(List<Candidate> ranked, int top, boolean json, PrintStream out) throws IOException {
        List<Candidate> shown = ranked.subList(0, Math.min(top, ranked.size()));
        for (Candidate c : shown) {
            if (json) {
                out.println(Json.MAPPER.writeValueAsString(c));
                continue;
            }
            out.printf(Locale.ROOT, "%-14s %7d lines %4d scopes %8.2f/min  %s%n", c.id(), c.count(), c.scopeCount(),
                    c.ratePerMinute(), c.template());
            out.printf(Locale.ROOT, "%14s first %s, last %s, in %s%n", "", Instant.ofEpochMilli(c.firstSeen()),
                    Instant.ofEpochMilli(c.lastSeen()), String.join(", ", c.scopes()));
            if (!c.examples().isEmpty()) {
                out.printf(Locale.ROOT, "%14s e.g. %s%n", "", c.examples().get(0));
            }
        }
        out.flush();
    }

    /**
     * Writes the draft of candidate {@code candidateId} as signature {@code signatureId} under {@code dir};
     * refuses to overwrite, and names the candidates there are when the id is unknown.
     */
    static Path draft(List<Candidate> ranked, String candidateId, String signatureId, Path dir) throws IOException {
        Candidate c = ranked.stream().filter(x -> x.id().equals(candidateId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("--draft: no candidate '" + candidateId + "'; there are "
                        + ranked.size() + (ranked.isEmpty() ? "" : ", the top one is " + ranked.get(0).id())));
        String id = signatureId != null ? signatureId : "draft/" + c.id();
        SignatureDraft.Files files = SignatureDraft.of(id, c);
        Path yaml = dir.resolve(id + ".yaml");
        Path match = dir.resolve(id + ".match.log");
        Path nomatch = dir.resolve(id + ".nomatch.log");
        for (Path p : List.of(yaml, match, nomatch)) {
            if (Files.exists(p)) {
                throw new IllegalArgumentException("--draft: " + p + " exists; not overwritten (move it or pick another --signature-id)");
            }
        }
        Files.createDirectories(yaml.getParent());
        Files.writeString(yaml, files.yaml(), StandardCharsets.UTF_8);
        Files.writeString(match, files.match(), StandardCharsets.UTF_8);
        Files.writeString(nomatch, files.nomatch(), StandardCharsets.UTF_8);
        return yaml;
    }
}
