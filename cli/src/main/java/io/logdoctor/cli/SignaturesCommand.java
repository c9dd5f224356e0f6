package io.logdoctor.cli;

import io.logdoctor.patterns.CatalogLint;
import io.logdoctor.patterns.FixtureCheck;
import io.logdoctor.patterns.Signature;
import io.logdoctor.patterns.SignatureCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** {@code logdoctor signatures list|lint|test [DIR]}: the catalogue, the bundled one or a team's own. */
@Command(name = "signatures", mixinStandardHelpOptions = true,
        description = "List, lint or test a signature catalogue (default: the bundled one).")
final class SignaturesCommand {

    @Command(name = "list", description = "Print each signature's id, severity and title.")
    int list(@Parameters(paramLabel = "DIR", arity = "0..1", description = "A catalogue directory.") Path dir) throws IOException {
        for (Signature s : catalog(dir).signatures()) {
            System.out.printf("%-48s %-9s %s%n", s.id(), s.severity().label(), s.title());
        }
        return 0;
    }

    @Command(name = "lint", description = "Report every problem of a catalogue at once; exit 1 if there is any.")
    int lint(@Parameters(paramLabel = "DIR", arity = "0..1", description = "A catalogue directory.") Path dir) throws IOException {
        Path root = dir != null ? dir : SignatureCatalog.bundled().root();
        List<String> problems = CatalogLint.run(root);
        problems.forEach(System.out::println);
        System.err.println("logdoctor signatures lint: " + (problems.isEmpty() ? "clean" : problems.size() + " problems") + " in " + root);
        return problems.isEmpty() ? 0 : 1;
    }

    @Command(name = "test", description = "Run every signature's fixtures; exit 1 if any fails.")
    int test(@Parameters(paramLabel = "DIR", arity = "0..1", description = "A catalogue directory.") Path dir) throws IOException {
        SignatureCatalog catalog = catalog(dir);
        List<String> problems = FixtureCheck.run(catalog);
        problems.forEach(System.out::println);
        System.err.println("logdoctor signatures test: " + catalog.signatures().size() + " signatures, "
                + (problems.isEmpty() ? "every fixture passes" : problems.size() + " failures"));
        return problems.isEmpty() ? 0 : 1;
    }

    private static SignatureCatalog catalog(Path dir) throws IOException {
        return dir == null ? SignatureCatalog.bundled() : SignatureCatalog.load(dir);
    }
}
