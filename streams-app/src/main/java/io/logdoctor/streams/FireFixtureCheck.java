package io.logdoctor.streams;

import io.logdoctor.patterns.Signature;
import io.logdoctor.patterns.SignatureCatalog;
import io.logdoctor.records.Diagnosis;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Runs one fire fixture through {@link OfflineDiagnoser} (the streams app's matcher and
 * {@link DiagnosisEngine}, with the lines' time as the clock) and checks it as an exact script: every
 * time the signature starts firing must be announced by {@code #> firing} right below that line, and
 * every resolve by a {@code #> resolved} that caused it. Other signatures' diagnoses are not its business.
 */
final class FireFixtureCheck {

    private final Signature signature;
    private final String file;
    private final OfflineDiagnoser diagnoser;
    private final List<String> problems = new ArrayList<>();
    private final Set<String> firing = new HashSet<>(); // diagnosis ids of this signature firing now
    private Integer lastFireLine;         // the latest line that started a diagnosis of this signature
    private Integer unannouncedFire;      // a line that started one, not yet announced by "#> firing"
    private boolean afterLogLine;         // the step before this one was a log line

    private FireFixtureCheck(SignatureCatalog catalog, Signature signature, String file) {
        this.signature = signature;
        this.file = file;
        this.diagnoser = new OfflineDiagnoser(catalog);
    }

    /** Every way the fixture's expectations and the engine disagree, as {@code file:line: what is wrong}. */
    static List<String> run(SignatureCatalog catalog, Signature signature, FireFixture fixture) {
        FireFixtureCheck check = new FireFixtureCheck(catalog, signature, fixture.file());
        check.problems.addAll(fixture.problems());
        Set<FireFixture.Kind> shown = new HashSet<>();
        for (FireFixture.Step step : fixture.steps()) {
            if (step instanceof FireFixture.Line line) {
                check.onLine(line);
            } else if (step instanceof FireFixture.Expect expect) {
                shown.add(expect.kind());
                check.onExpect(expect);
            }
        }
        check.flushUnannounced();
        if (!shown.containsAll(Set.of(FireFixture.Kind.values()))) {
            check.problems.add(fixture.file() + ": a fire fixture shows '#> quiet' below the threshold, '#> firing' at it and "
                    + "'#> resolved <time>' after the quiet period; this one has only " + shown.stream().sorted()
                    .map(k -> k.name().toLowerCase(Locale.ROOT)).toList());
        }
        return check.problems;
    }

    private void onLine(FireFixture.Line line) {
        flushUnannounced();
        for (Diagnosis d : diagnoser.accept(line.record())) {
            if (!d.signature().equals(signature.id())) {
                continue;
            }
            if (Diagnosis.RESOLVED.equals(d.status())) {
                firing.remove(d.id());
                problems.add(file + ":" + line.lineNo() + ": " + signature.id() + " resolved when this line's time came, "
                        + "before any '#> resolved' asked for it (its quiet period is " + signature.resolveQuiet() + ")");
            } else if (firing.add(d.id())) {
                lastFireLine = line.lineNo();
                unannouncedFire = line.lineNo();
            }
        }
        afterLogLine = true;
    }

    private void onExpect(FireFixture.Expect expect) {
        String where = file + ":" + expect.lineNo() + ": ";
        switch (expect.kind()) {
            case QUIET -> {
                flushUnannounced();
                if (!firing.isEmpty()) {
                    problems.add(where + "expected quiet, but " + signature.id() + " is firing since line " + lastFireLine);
                }
            }
            case FIRING -> {
                if (!afterLogLine) {
                    problems.add(where + "'#> firing' must follow the log line that should fire");
                } else if (unannouncedFire == null) {
                    problems.add(where + "expected " + signature.id() + " to fire on the line above; "
                            + (firing.isEmpty() ? "it did not (fire rule: " + rule() + ")" : "it was firing already, since line " + lastFireLine));
                }
                unannouncedFire = null;
            }
            case RESOLVED -> {
                flushUnannounced();
                resolve(expect.at(), where);
            }
        }
        afterLogLine = false;
    }

    private void resolve(Instant at, String where) {
        boolean wasFiring = !firing.isEmpty();
        boolean resolved = false;
        for (Diagnosis d : diagnoser.advanceTo(at.toEpochMilli())) {
            if (d.signature().equals(signature.id()) && Diagnosis.RESOLVED.equals(d.status())) {
                firing.remove(d.id());
                resolved = true;
            }
        }
        if (!wasFiring) {
            problems.add(where + "expected " + signature.id() + " to resolve by " + at + ", but it was not firing");
        } else if (!resolved || !firing.isEmpty()) {
            problems.add(where + "expected " + signature.id() + " to resolve by " + at + "; it is still firing (quiet period "
                    + signature.resolveQuiet() + " after the last match)");
        }
    }

    /** A fire that no {@code #> firing} right below its line announced is a problem of that line. */
    private void flushUnannounced() {
        if (unannouncedFire != null) {
            problems.add(file + ":" + unannouncedFire + ": " + signature.id() + " fired here, but no '#> firing' follows the line"
                    + " (fire rule: " + rule() + ")");
            unannouncedFire = null;
        }
    }

    private String rule() {
        return signature.fire().count() + " within " + signature.fire().window()
                + signature.fire().after().map(a -> ", after '" + a + "'").orElse("");
    }
}
