package io.logdoctor.cli;

import io.logdoctor.records.Diagnosis;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The diagnoses a sample set must produce, one per line as {@code <signature> <namespace>/<pod>},
 * {@code <signature> node:<node>} for a node (a journal line about no pod), or
 * {@code <signature> lambda:<function>} for a Lambda function ({@code samples/expected-diagnoses.txt}),
 * and which of them are still missing.
 */
final class ExpectedDiagnoses {

    private final Set<String> missing = new LinkedHashSet<>();
    private final int total;

    private ExpectedDiagnoses(List<String> expected) {
        missing.addAll(expected);
        total = missing.size();
    }

    static ExpectedDiagnoses read(Path... files) throws IOException {
        List<String> lines = new ArrayList<>();
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                throw new IOException("expected-diagnoses file " + file + " does not exist");
            }
            Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .map(l -> String.join(" ", l.split("\\s+")))
                    .forEach(lines::add);
        }
        return new ExpectedDiagnoses(lines);
    }

    /** Marks a firing diagnosis as seen; true if it was one of the expected ones. */
    boolean seen(Diagnosis d) {
        return Diagnosis.FIRING.equals(d.status())
                && missing.remove(d.signature() + " " + (d.scope().function() != null ? "lambda:" + d.scope().function()
                        : d.scope().pod() == null && d.scope().node() != null ? "node:" + d.scope().node()
                        : d.scope().namespace() + "/" + d.scope().pod()));
    }

    boolean complete() {
        return missing.isEmpty();
    }

    Set<String> missing() {
        return Set.copyOf(missing);
    }

    int total() {
        return total;
    }
}
