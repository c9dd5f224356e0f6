package io.logdoctor.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.logdoctor.patterns.Signature;
import io.logdoctor.patterns.SignatureCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fire fixtures run through the streams app's engine: the bundled ones pass, and a wrong one says where. */
class FireFixturesTest {

    /**
     * Catalogue directories whose fire fixtures are written on another branch (catalogue v2 is split between
     * two helpers); the lead empties this set when both are merged, and from then on every signature needs one.
     */
    /** Two matches within a minute fire, ten quiet minutes resolve; only container "writer" counts. */
    private static final String SIGNATURE = "/fire-fixtures/demo/disk-full.yaml";

    @TempDir
    Path root;

    @Test
    void shouldPassEveryFireFixtureOfTheBundledCatalogue() throws IOException {
        List<String> problems = FireFixtures.run(SignatureCatalog.bundled());

        assertEquals(List.of(), problems, () -> String.join("\n", problems));
    }

    @Test
    void shouldGiveEveryBundledSignatureAFireFixture() {
        List<String> missing = FireFixtures.missing(SignatureCatalog.bundled());

        assertEquals(List.of(), missing);
    }

    @Test
    void shouldPassAFixtureThatSaysWhatTheEngineDoes() throws IOException {
        assertEquals(List.of(), problems("""
                # two within a minute fire; ten quiet minutes resolve
                #@ container=writer pod=db-0
                2024-05-01T10:00:00Z No space left on device
                #> quiet
                2024-05-01T10:00:30Z No space left on device
                #> firing
                2024-05-01T10:00:40Z No space left on device
                #> resolved 2024-05-01T10:10:40Z
                """));
    }

    @Test
    void shouldReportAFireThatComesEarlierThanExpected() throws IOException {
        assertEquals(List.of(
                        "demo/disk-full.fire.log:3: demo/disk-full fired here, but no '#> firing' follows the line (fire rule: 2 within PT1M)",
                        "demo/disk-full.fire.log:5: expected demo/disk-full to fire on the line above; it was firing already, since line 3"),
                problems("""
                        2024-05-01T10:00:00Z No space left on device
                        #> quiet
                        2024-05-01T10:00:30Z No space left on device
                        2024-05-01T10:00:31Z No space left on device
                        #> firing
                        #> resolved 2024-05-01T10:10:31Z
                        """));
    }

    @Test
    void shouldReportAFireThatDoesNotComeAndAResolveThatDoesNot() throws IOException {
        assertEquals(List.of(
                        "demo/disk-full.fire.log:4: expected demo/disk-full to fire on the line above; it did not (fire rule: 2 within PT1M)",
                        "demo/disk-full.fire.log:5: demo/disk-full fired here, but no '#> firing' follows the line (fire rule: 2 within PT1M)",
                        "demo/disk-full.fire.log:6: expected quiet, but demo/disk-full is firing since line 5",
                        "demo/disk-full.fire.log:7: expected demo/disk-full to resolve by 2024-05-01T10:05:00Z; it is still firing "
                                + "(quiet period PT10M after the last match)"),
                problems("""
                        2024-05-01T10:00:00Z No space left on device
                        #> quiet
                        2024-05-01T10:02:00Z No space left on device
                        #> firing
                        2024-05-01T10:02:10Z No space left on device
                        #> quiet
                        #> resolved 2024-05-01T10:05:00Z
                        """));
    }

    @Test
    void shouldKeepOtherContainersOutAsTheScopeSelectorSays() throws IOException {
        assertEquals(List.of("demo/disk-full.fire.log:5: expected demo/disk-full to fire on the line above; it did not "
                        + "(fire rule: 2 within PT1M)", "demo/disk-full.fire.log:6: expected demo/disk-full to resolve by "
                        + "2024-05-01T11:00:00Z, but it was not firing"),
                problems("""
                        #@ container=reader
                        2024-05-01T10:00:00Z No space left on device
                        #> quiet
                        2024-05-01T10:00:01Z No space left on device
                        #> firing
                        #> resolved 2024-05-01T11:00:00Z
                        """));
    }

    @Test
    void shouldReportAResolveThatNoExpectationAskedFor() throws IOException {
        assertEquals(List.of("demo/disk-full.fire.log:6: demo/disk-full resolved when this line's time came, before any "
                        + "'#> resolved' asked for it (its quiet period is PT10M)",
                        "demo/disk-full.fire.log: a fire fixture shows '#> quiet' below the threshold, '#> firing' at it and "
                                + "'#> resolved <time>' after the quiet period; this one has only [quiet, firing]"),
                problems("""
                        2024-05-01T10:00:00Z No space left on device
                        #> quiet
                        2024-05-01T10:00:01Z No space left on device
                        #> firing
                        # an hour later the next line's time resolves it
                        2024-05-01T11:00:00Z all fine
                        """));
    }

    @Test
    void shouldNameEveryMalformedLine() throws IOException {
        assertEquals(List.of(
                        "demo/disk-full.fire.log:1: a context line takes cluster=, container=, function=, logGroup=, logStream=, "
                                + "namespace=, node=, pod=, source=; was 'pods=db-0'",
                        "demo/disk-full.fire.log:2: a log line is '<RFC 3339 time> <line as the component prints it>'; "
                                + "was '10:00:00 No space left on device'",
                        "demo/disk-full.fire.log:3: an expectation is '#> quiet', '#> firing' or '#> resolved <RFC 3339 time>'; "
                                + "was '#> resolved soon'",
                        "demo/disk-full.fire.log: a fire fixture shows '#> quiet' below the threshold, '#> firing' at it and "
                                + "'#> resolved <time>' after the quiet period; this one has only []"),
                problems("""
                        #@ pods=db-0
                        10:00:00 No space left on device
                        #> resolved soon
                        """));
    }

    @Test
    void shouldListSignaturesWithoutAFireFixture() throws IOException {
        copySignature();

        assertEquals(List.of("demo/disk-full"), FireFixtures.missing(SignatureCatalog.load(root)));
    }

    private List<String> problems(String fixture) throws IOException {
        copySignature();
        write("demo/disk-full.fire.log", fixture);
        SignatureCatalog catalog = SignatureCatalog.load(root);
        Signature signature = catalog.find("demo/disk-full").orElseThrow();
        assertEquals(List.of(), FireFixtures.missing(catalog), signature.id());
        return FireFixtures.run(catalog);
    }

    private void copySignature() throws IOException {
        try (InputStream in = getClass().getResourceAsStream(SIGNATURE)) {
            write("demo/disk-full.yaml", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private void write(String relative, String content) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
