package io.logdoctor.cli;

import io.logdoctor.patterns.CatalogLint;
import io.logdoctor.patterns.FixtureCheck;
import io.logdoctor.patterns.Signature;
import io.logdoctor.patterns.SignatureCatalog;
import io.logdoctor.records.Topics;
import io.logdoctor.streams.FireFixtures;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** {@code logdoctor signatures list|lint|test [DIR]}: the catalogue, the bundled one or a team's own. */
@Command(name = "signatures", mixinStandardHelpOptions = true, subcommands = BacktestCommand.class,
        description = "List, lint or test a signature catalogue (default: the bundled one).")
final class SignaturesCommand {

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Print each signature's id, severity and title.")
    int list(@Option(names = "--format", defaultValue = "text",
                     description = "text, or markdown: the README's catalogue table (default: ${DEFAULT-VALUE}).") String format,
             @Parameters(paramLabel = "DIR", arity = "0..1", description = "A catalogue directory.") Path dir) throws IOException {
        List<Signature> signatures = nonEmpty(catalog(dir), dir).signatures();
        switch (format) {
            case "text" -> signatures.forEach(s -> System.out.printf("%-48s %-9s %s%n", s.id(), s.severity().label(), s.title()));
            case "markdown" -> System.out.print(CatalogTable.markdown(signatures));
            default -> throw new IllegalArgumentException("unknown format '" + format + "'; use text or markdown");
        }
        return 0;
    }

    @Command(name = "lint", mixinStandardHelpOptions = true, description = "Report every problem of a catalogue at once; exit 1 if there is any.")
    int lint(@Parameters(paramLabel = "DIR", arity = "0..1", description = "A catalogue directory.") Path dir) throws IOException {
        Path root = dir != null ? Inputs.catalogueDir(dir) : SignatureCatalog.bundled().root();
        List<String> problems = new ArrayList<>(CatalogLint.run(root));
        if (problems.isEmpty() && SignatureCatalog.load(root).signatures().isEmpty()) {
            problems.add(noSignatures(root));
        }
        problems.forEach(System.out::println);
        System.err.println("logdoctor signatures lint: " + (problems.isEmpty() ? "clean" : problems.size() + " problems") + " in " + root);
        return problems.isEmpty() ? 0 : 1;
    }

    @Command(name = "test", mixinStandardHelpOptions = true, description = "Run every signature's match fixtures, and its fire fixture (<name>.fire.log) "
            + "through the streams app's diagnosis engine; exit 1 if any fails.")
    int test(@Parameters(paramLabel = "DIR", arity = "0..1", description = "A catalogue directory.") Path dir) throws IOException {
        SignatureCatalog catalog = nonEmpty(catalog(dir), dir);
        List<String> problems = new ArrayList<>(FixtureCheck.run(catalog));
        problems.addAll(FireFixtures.run(catalog));
        problems.forEach(System.out::println);
        List<String> noFire = FireFixtures.missing(catalog);
        System.err.println("logdoctor signatures test: " + catalog.signatures().size() + " signatures ("
                + (catalog.signatures().size() - noFire.size()) + " with a fire fixture), "
                + (problems.isEmpty() ? "every fixture passes" : problems.size() + " failures"));
        if (!noFire.isEmpty()) {
            System.err.println("no fire fixture: " + String.join(", ", noFire));
        }
        return problems.isEmpty() ? 0 : 1;
    }

    @Command(name = "push", mixinStandardHelpOptions = true, description = "Validate a catalogue directory, then publish it to the signatures topic; running "
            + "streams apps swap to it without a restart.")
    int push(@Mixin KafkaOptions kafka,
             @Parameters(paramLabel = "DIR", description = "A catalogue directory.") Path dir) throws Exception {
        SignatureCatalog catalog = nonEmpty(SignatureCatalog.load(Inputs.catalogueDir(dir)), dir); // fails on the first invalid file, naming it
        List<String> failures = new ArrayList<>(FixtureCheck.run(catalog).stream().filter(p -> !p.contains(": missing: ")).toList());
        failures.addAll(FireFixtures.run(catalog));
        if (!failures.isEmpty()) {
            failures.forEach(System.out::println);
            System.err.println("logdoctor signatures push: not pushed: " + failures.size() + " fixture failures");
            return 1;
        }
        Settings settings = kafka.settings();
        String bootstrap = kafka.bootstrapServers(settings);
        Services.createTopics(bootstrap, KafkaOptions.topics(settings));
        int pushed = SignaturePublisher.publish(bootstrap, settings.kafkaProperties(), dir, catalog);
        System.err.println("logdoctor signatures push: published " + pushed + " files of " + dir + " to " + Topics.SIGNATURES.name());
        return 0;
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Remove a pushed signature from the running catalogue (a tombstone on the "
            + "signatures topic); refuses an id the topic does not hold. Exit 1 when refused, or when the --app did not remove it.")
    int delete(@Mixin KafkaOptions kafka,
               @Option(names = "--app", paramLabel = "URL", description = "A running streams app (http://HOST:8080): wait for it "
                       + "to load the new catalogue and report what it decided. LOGDOCTOR_HTTP_TOKEN is sent as its bearer token.") URI app,
               @Option(names = "--wait", paramLabel = "SECONDS", defaultValue = "30",
                       description = "How long to wait for the --app (default: ${DEFAULT-VALUE}).") int waitSeconds,
               @Parameters(paramLabel = "ID", description = "The signature id.") String id) throws Exception {
        Settings settings = kafka.settings();
        return new SignatureDelete(kafka.bootstrapServers(settings), settings.kafkaProperties(), settings.get("http-token", null, null))
                .delete(id, app, Duration.ofSeconds(waitSeconds));
    }

    private static SignatureCatalog catalog(Path dir) throws IOException {
        return dir == null ? SignatureCatalog.bundled() : SignatureCatalog.load(Inputs.catalogueDir(dir));
    }

    // A directory without one signature is a wrong path, not a clean catalogue.
    private static SignatureCatalog nonEmpty(SignatureCatalog catalog, Path dir) {
        if (catalog.signatures().isEmpty()) {
            throw new IllegalArgumentException(noSignatures(dir));
        }
        return catalog;
    }

    private static String noSignatures(Path dir) {
        return dir + ": no signatures (no .yaml file anywhere under it); give the directory that holds them, as patterns/catalog/ does";
    }
}
