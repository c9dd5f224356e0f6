package io.logdoctor.cli;

import io.logdoctor.patterns.CatalogLint;
import io.logdoctor.patterns.FixtureCheck;
import io.logdoctor.patterns.Signature;
import io.logdoctor.patterns.SignatureCatalog;
import io.logdoctor.records.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

    @Command(name = "push", description = "Validate a catalogue directory, then publish it to the signatures topic; running "
            + "streams apps swap to it without a restart.")
    int push(@Mixin KafkaOptions kafka,
             @Parameters(paramLabel = "DIR", description = "A catalogue directory.") Path dir) throws Exception {
        SignatureCatalog catalog = SignatureCatalog.load(dir); // fails on the first invalid file, naming it
        List<String> failures = FixtureCheck.run(catalog).stream().filter(p -> !p.contains(": missing: ")).toList();
        if (!failures.isEmpty()) {
            failures.forEach(System.out::println);
            System.err.println("logdoctor signatures push: not pushed: " + failures.size() + " fixture failures");
            return 1;
        }
        Settings settings = kafka.settings();
        String bootstrap = kafka.bootstrapServers(settings);
        Services.createTopics(bootstrap, settings.kafkaProperties(), 3, (short) -1);
        int pushed = SignaturePublisher.publish(bootstrap, settings.kafkaProperties(), dir, catalog);
        System.err.println("logdoctor signatures push: published " + pushed + " files of " + dir + " to " + Topics.SIGNATURES.name());
        return 0;
    }

    @Command(name = "delete", description = "Remove a signature from the running catalogue (a tombstone on the signatures topic).")
    int delete(@Mixin KafkaOptions kafka, @Parameters(paramLabel = "ID", description = "The signature id.") String id) throws Exception {
        Settings settings = kafka.settings();
        SignaturePublisher.delete(kafka.bootstrapServers(settings), settings.kafkaProperties(), id);
        System.err.println("logdoctor signatures delete: " + id + " deleted from " + Topics.SIGNATURES.name());
        return 0;
    }

    private static SignatureCatalog catalog(Path dir) throws IOException {
        return dir == null ? SignatureCatalog.bundled() : SignatureCatalog.load(dir);
    }
}
