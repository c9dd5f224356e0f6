package io.logdoctor.benchmarks.mining;

import io.logdoctor.patterns.mining.TemplateMiner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class GroupingAccuracyTest {

    /** Where the team keeps the Loghub corpus beside the checkouts; CI has none, so the corpus test skips. */
    private static final Path LOGHUB = Path.of(System.getProperty("logdoctor.loghub", "../../shared/corpora/loghub"));

    @Test
    void shouldCountOnlyLinesWhoseGroupIsExactlyTheirEvent() {
        // group 1 = {0,1} = event a: right; group 2 = {2} but event b is {2,3}: wrong; group 3 = {3}: wrong;
        // group 4 = {4,5} holds events c and d: wrong
        List<Integer> predicted = List.of(1, 1, 2, 3, 4, 4);
        List<String> truth = List.of("a", "a", "b", "b", "c", "d");

        assertEquals(2.0 / 6, GroupingAccuracy.of(predicted, truth), 1e-9);
    }

    @Test
    void shouldReadQuotedCsvFields() {
        assertEquals(List.of(List.of("1", "a, \"b\"", ""), List.of("2", "x", "y")),
                Csv.parse("1,\"a, \"\"b\"\"\",\r\n2,x,y"));
    }

    @Test
    void shouldGroupHdfsAlmostPerfectly() throws IOException {
        assumeTrue(Files.isDirectory(LOGHUB), "no Loghub corpus at " + LOGHUB.toAbsolutePath()
                + " (set -Dlogdoctor.loghub=DIR); the GA table in BENCHMARKS.md is made from it");
        LoghubSet hdfs = LoghubSet.read(LOGHUB, "HDFS");

        double ga = GroupingAccuracy.of(LoghubAccuracy.groups(new TemplateMiner(), hdfs.contents()), hdfs.events());

        assertEquals(2000, hdfs.contents().size());
        assertTrue(ga >= 0.99, "GA on HDFS was " + ga);
    }
}
