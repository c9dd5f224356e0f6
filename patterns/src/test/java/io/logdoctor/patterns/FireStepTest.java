package io.logdoctor.patterns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logdoctor.records.Diagnosis;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fire rules as a pure step, applied to a map as the offline engine does. */
class FireStepTest {

    private static final long T0 = Instant.parse("2026-12-06T10:00:00Z").toEpochMilli();
    private static final Duration REPEAT = Duration.ofHours(1);
    private static final Diagnosis.Scope POD = new Diagnosis.Scope("c1", "kube-system", "aws-node-1", "n1", "aws-node", null, null);
    private static final Diagnosis.Scope OTHER_POD = new Diagnosis.Scope("c1", "kube-system", "aws-node-2", "n1", "aws-node", null, null);

    @TempDir
    Path dir;
    private SignatureCatalog catalog;
    private final Map<String, DiagnosisState> states = new HashMap<>();

    @BeforeEach
    void catalogue() throws IOException {
        SignatureFiles.write(dir, "demo/generic.yaml", signature("demo/generic", "retry: 'waiting for ipamd'",
                "count: 3\n  window: 1m", "10m", ""));
        SignatureFiles.write(dir, "demo/specific.yaml", signature("demo/specific", "denied: 'UnauthorizedOperation'",
                "count: 1\n  window: 5m", "15m", "refines: demo/generic\n"));
        SignatureFiles.write(dir, "demo/after.yaml", signature("demo/after",
                "miss: 'cache miss'\n  failure: 'download failed'", "count: 1\n  window: 10m\n  after: miss", "30m", ""));
        catalog = SignatureCatalog.load(dir);
    }

    @Test
    void shouldFireWhenTheCountIsMetWithinTheWindow() {
        assertEquals(List.of(), match("demo/generic", POD, 0));
        assertEquals(List.of(), match("demo/generic", POD, 10));
        List<Diagnosis> fired = match("demo/generic", POD, 20);

        assertEquals(1, fired.size());
        Diagnosis d = fired.get(0);
        assertEquals(Diagnosis.FIRING, d.status());
        assertEquals(3, d.count());
        assertEquals(at(0), d.firstSeen());
        assertEquals(at(20), d.lastSeen());
        assertEquals(3, d.evidence().size());
        assertNull(d.refinedBy());
        assertEquals(List.of(), match("demo/generic", OTHER_POD, 21), "another pod counts on its own");
    }

    @Test
    void shouldSlideTheWindowOverTheLatestMatches() {
        match("demo/generic", POD, 0);
        match("demo/generic", POD, 50);
        assertEquals(List.of(), match("demo/generic", POD, 100), "0 s to 100 s spans more than the 1 m window");
        assertEquals(1, match("demo/generic", POD, 105).size(), "50 s to 105 s is within it");
    }

    @Test
    void shouldCountLateLinesInTheirTimeOrder() {
        match("demo/generic", POD, 100);
        match("demo/generic", POD, 0); // a line of another container, read late
        assertEquals(List.of(), match("demo/generic", POD, 50), "0, 50, 100: the latest three span 100 s");
        assertEquals(1, match("demo/generic", POD, 90).size(), "50, 90, 100: within a minute");
    }

    @Test
    void shouldUpdateAFiringDiagnosisOncePerRepeatInterval() {
        fire("demo/generic", POD, 0);
        long wall = wall(20);
        assertEquals(List.of(), step("demo/generic", "retry", POD, 600, wall + Duration.ofMinutes(59).toMillis()));
        List<Diagnosis> update = step("demo/generic", "retry", POD, 700, wall + REPEAT.toMillis());

        assertEquals(1, update.size());
        assertEquals(5, update.get(0).count());
        assertEquals(at(700), update.get(0).lastSeen());
        assertEquals(List.of(), step("demo/generic", "retry", POD, 800, wall + REPEAT.toMillis() + 1), "the interval starts again");
    }

    @Test
    void shouldRefineAFiringGenericDiagnosisWithoutASecondOne() {
        fire("demo/generic", POD, 0);
        List<Diagnosis> refined = match("demo/specific", POD, 30);

        assertEquals(1, refined.size());
        Diagnosis d = refined.get(0);
        assertEquals("demo/generic", d.signature());
        assertEquals("demo/specific", d.refinedBy());
        assertEquals(Diagnosis.FIRING, d.status());
        assertEquals("cause of demo/specific", d.cause());
        assertFalse(state("demo/specific", POD).firing(), "the specific signature explains; it does not fire itself");
        assertEquals(List.of(), match("demo/specific", POD, 40), "already refined: nothing new to say");
    }

    @Test
    void shouldRefineAGenericDiagnosisThatFiresAfterTheSpecificOne() {
        match("demo/generic", POD, 0);
        assertEquals(List.of(), match("demo/specific", POD, 5), "the generic one is not firing yet: noted, not emitted");
        match("demo/generic", POD, 10);
        List<Diagnosis> fired = match("demo/generic", POD, 20);

        assertEquals(1, fired.size());
        assertEquals("demo/specific", fired.get(0).refinedBy());
    }

    @Test
    void shouldFireTheSpecificSignatureAloneWhenTheGenericOneWasNotSeenInItsWindow() {
        fire("demo/generic", POD, 0);
        List<Diagnosis> alone = match("demo/specific", POD, 200); // the generic window is 1 m

        assertEquals(1, alone.size());
        assertEquals("demo/specific", alone.get(0).signature());
        assertNull(state("demo/generic", POD).refinedBy());
    }

    @Test
    void shouldResolveAfterTheQuietPeriodAndForgetTheState() {
        fire("demo/generic", POD, 0);
        long lastWall = wall(20);
        assertEquals(List.of(), tick(lastWall + Duration.ofMinutes(10).toMillis() - 1));
        List<Diagnosis> resolved = tick(lastWall + Duration.ofMinutes(10).toMillis());

        assertEquals(1, resolved.size());
        assertEquals(Diagnosis.RESOLVED, resolved.get(0).status());
        assertEquals(3, resolved.get(0).count());
        assertTrue(states.isEmpty());
    }

    @Test
    void shouldForgetAQuietStateThatNeverFiredWithoutARecord() {
        match("demo/generic", POD, 0);
        assertEquals(List.of(), tick(wall(0) + Duration.ofMinutes(10).toMillis()));
        assertTrue(states.isEmpty());
    }

    @Test
    void shouldFireAgainAfterAResolveAsANewDiagnosis() {
        fire("demo/generic", POD, 0);
        tick(wall(20) + Duration.ofMinutes(10).toMillis());
        long later = 20 * 60;
        assertEquals(List.of(), match("demo/generic", POD, later));
        match("demo/generic", POD, later + 1);
        List<Diagnosis> again = match("demo/generic", POD, later + 2);

        assertEquals(1, again.size());
        assertEquals(3, again.get(0).count(), "counted from nothing");
        assertEquals(at(later), again.get(0).firstSeen());
    }

    @Test
    void shouldCountOnlyAfterTheAfterPatternWasSeenWithinTheWindow() {
        assertEquals(List.of(), step("demo/after", "miss", POD, 0, wall(0)), "the after pattern never fires alone");
        assertEquals(1, step("demo/after", "failure", POD, 60, wall(60)).size());

        assertEquals(List.of(), step("demo/after", "failure", OTHER_POD, 60, wall(60)), "a failure with no miss before it");
        step("demo/after", "miss", OTHER_POD, 100, wall(100));
        assertEquals(List.of(), step("demo/after", "failure", OTHER_POD, 100 + 11 * 60, wall(100 + 11 * 60)),
                "a miss more than the 10 m window before");
    }

    @Test
    void shouldForgetTheStateOfASignatureThatLeftTheCatalogue() {
        String id = DiagnosisIds.of("demo/gone", POD);
        DiagnosisState orphan = DiagnosisState.first("demo/gone", POD, at(0), T0, wall(0)).withFiring(true);

        FireStep.Result result = FireStep.onQuietCheck(catalog, id, orphan, wall(1));
        assertEquals(List.of(id), result.forget());
        assertEquals(List.of(), result.emit());
        assertEquals(FireStep.Result.NONE, FireStep.onMatch(catalog, states::get, hit("demo/gone", "x", POD, 0), wall(0), REPEAT));
    }

    private void fire(String signature, Diagnosis.Scope scope, long second) {
        match(signature, scope, second);
        match(signature, scope, second + 10);
        assertEquals(1, match(signature, scope, second + 20).size(), "fires on the third match");
    }

    /** A match whose wall clock is its own time plus a second: the app reads it shortly after it was written. */
    private List<Diagnosis> match(String signature, Diagnosis.Scope scope, long second) {
        String pattern = catalog.find(signature).orElseThrow().patterns().keySet().iterator().next();
        return step(signature, pattern, scope, second, wall(second));
    }

    private List<Diagnosis> step(String signature, String pattern, Diagnosis.Scope scope, long second, long wallNow) {
        return apply(FireStep.onMatch(catalog, states::get, hit(signature, pattern, scope, second), wallNow, REPEAT));
    }

    private List<Diagnosis> tick(long wallNow) {
        List<FireStep.Result> results = states.entrySet().stream()
                .map(e -> FireStep.onQuietCheck(catalog, e.getKey(), e.getValue(), wallNow)).toList();
        return results.stream().flatMap(r -> apply(r).stream()).toList();
    }

    private List<Diagnosis> apply(FireStep.Result result) {
        states.putAll(result.put());
        result.forget().forEach(states::remove);
        return result.emit();
    }

    private DiagnosisState state(String signature, Diagnosis.Scope scope) {
        return states.get(DiagnosisIds.of(signature, scope));
    }

    private static FireStep.Hit hit(String signature, String pattern, Diagnosis.Scope scope, long second) {
        return new FireStep.Hit(signature, pattern, scope, T0 + second * 1000,
                new Diagnosis.Evidence(at(second), "line at " + second, "0.log", second, null));
    }

    private static long wall(long second) {
        return T0 + (second + 1) * 1000;
    }

    private static String at(long second) {
        return Instant.ofEpochMilli(T0 + second * 1000).toString();
    }

    private static String signature(String id, String match, String fire, String quiet, String extra) {
        return "id: " + id + "\ntitle: " + id + " title\nseverity: error\nmatch:\n  " + match + "\nfire:\n  " + fire
                + "\nresolve:\n  quiet: " + quiet + "\n" + extra + "cause: cause of " + id + "\nremediation:\n  - Fix it.\n"
                + "references:\n  - https://example.com/" + id + "\n";
    }
}
