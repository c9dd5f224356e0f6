package io.logdoctor.patterns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunawayGuardTest {

    /** The pattern pushed in issue 10's test: it backtracks exponentially on a line of words that does not end the match. */
    private static final String CATASTROPHIC = "/hostile/team/catastrophic.yaml";

    @TempDir
    Path root;

    @Test
    void shouldDisableASignatureThatTripsTheBudgetOnMoreThanOnePercentOfItsTries() throws IOException {
        SignatureFiles.write(root, "demo/disk-full.yaml", SignatureFiles.VALID);
        try (var in = getClass().getResourceAsStream(CATASTROPHIC)) {
            SignatureFiles.write(root, "team/catastrophic.yaml", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        SignatureMatcher matcher = SignatureCatalog.load(root).matcher();
        String hostile = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!";

        for (int i = 0; i < RunawayGuard.Limits.DEFAULT.minTries() - 1; i++) {
            matcher.match(hostile, LineContext.UNKNOWN);
        }
        assertEquals(Map.of(), matcher.disabled(), "no verdict before " + RunawayGuard.Limits.DEFAULT.minTries() + " tries");
        matcher.match(hostile, LineContext.UNKNOWN);

        assertEquals(List.of("team/catastrophic"), List.copyOf(matcher.disabled().keySet()));
        assertTrue(matcher.disabled().get("team/catastrophic").contains("on 100 of the 100 lines"), matcher.disabled().toString());
        long trips = matcher.budgetTrips();
        assertEquals(List.of(), matcher.match(hostile, LineContext.UNKNOWN), "disabled: not even tried");
        assertEquals(trips, matcher.budgetTrips());
        assertEquals(1, matcher.match("No space left on device", new LineContext("k8s", "x", "writer", null)).size(),
                "the other signatures go on");
    }

    @Test
    void shouldKeepASignatureThatTripsOnOnePercentOrLess() {
        RunawayGuard guard = new RunawayGuard(new Signature[1]);
        for (int t = 1; t <= 1000; t++) {
            guard.tried(0, "p", t % 100 == 0);
        }
        assertEquals(false, guard.isDisabled(0), "one trip in every 100 tries is 1 %, not more");
    }

    @Test
    void shouldJudgeTheTripsOfTheFirstHundredTriesOnceThereAreAHundred() throws IOException {
        SignatureFiles.write(root, "demo/disk-full.yaml", SignatureFiles.VALID);
        RunawayGuard guard = new RunawayGuard(SignatureCatalog.load(root).signatures().toArray(Signature[]::new));
        guard.tried(0, "full", true);
        guard.tried(0, "full", true);
        for (int t = 3; t < RunawayGuard.Limits.DEFAULT.minTries(); t++) {
            guard.tried(0, "full", false);
        }
        assertEquals(false, guard.isDisabled(0));
        guard.tried(0, "full", false);
        assertEquals(true, guard.isDisabled(0), "2 trips in the first 100 tries");
    }
}
