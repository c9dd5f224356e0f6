package io.logdoctor.streams;

import io.logdoctor.patterns.Signature;
import io.logdoctor.patterns.SignatureCatalog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The fire fixtures of a catalogue: each signature's {@code <name>.fire.log} beside its YAML, run through
 * the streams app's diagnosis engine (see {@link FireFixture} for the format). The match fixtures prove a
 * line is recognised; these prove the fire rule, the window and the quiet period do what an on-call SRE
 * expects: quiet below the threshold, firing at it, resolved after the quiet period.
 */
public final class FireFixtures {

    private FireFixtures() {
    }

    /** Every problem of every fire fixture present, as {@code file:line: what is wrong}; empty when all pass. */
    public static List<String> run(SignatureCatalog catalog) throws IOException {
        List<String> problems = new ArrayList<>();
        for (Signature signature : catalog.signatures()) {
            String name = fixtureOf(signature);
            Path file = catalog.root().resolve(name);
            if (Files.isRegularFile(file)) {
                FireFixture fixture = FireFixture.parse(name, Files.readAllLines(file, StandardCharsets.UTF_8));
                problems.addAll(FireFixtureCheck.run(catalog, signature, fixture));
            }
        }
        return problems;
    }

    /** The ids of the signatures that have no fire fixture. */
    public static List<String> missing(SignatureCatalog catalog) {
        return catalog.signatures().stream()
                .filter(s -> !Files.isRegularFile(catalog.root().resolve(fixtureOf(s))))
                .map(Signature::id)
                .toList();
    }

    /** The fire fixture's path relative to the catalogue root. */
    static String fixtureOf(Signature signature) {
        return signature.file().replaceAll("\\.ya?ml$", "") + FireFixture.SUFFIX;
    }
}
