package io.logdoctor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logdoctor.patterns.SignatureCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Every error names the thing that is wrong and what to give instead; every command has --help. */
class CliMessagesTest {

    @Test
    void shouldSayAFileDoesNotExist() {
        Console c = Console.run("match", "nosuch.log");

        assertEquals(2, c.exitCode());
        assertEquals("logdoctor match: nosuch.log: no such file\n", c.err());
    }

    @Test
    void shouldNameTheDirectoryGivenForAFile(@TempDir Path dir) {
        Console match = Console.run("match", dir.toString());
        Console diagnose = Console.run("diagnose", dir.toString());

        assertEquals(2, match.exitCode());
        assertEquals("logdoctor match: " + dir + ": is a directory; give a log file (a pod's directory holds N.log files)\n", match.err());
        assertEquals(2, diagnose.exitCode());
        assertTrue(diagnose.err().startsWith("logdoctor diagnose: " + dir + ": is a directory;"), diagnose.err());
    }

    @Test
    void shouldSayACatalogueDirectoryDoesNotExist() {
        Console lint = Console.run("signatures", "lint", "nosuchdir");
        Console match = Console.run("match", "--signatures", "nosuchdir", "-");

        assertEquals(2, lint.exitCode());
        assertEquals("logdoctor signatures lint: nosuchdir: no such directory; give a signature catalogue directory "
                + "(one YAML file per signature, laid out as patterns/catalog/)\n", lint.err());
        assertEquals(2, match.exitCode());
        assertTrue(match.err().startsWith("logdoctor match: nosuchdir: no such directory;"), match.err());
    }

    @Test
    void shouldFailLintAndTestOfADirectoryWithoutSignatures(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("README.md"), "# not a catalogue\n");

        Console lint = Console.run("signatures", "lint", dir.toString());
        Console test = Console.run("signatures", "test", dir.toString());
        Console list = Console.run("signatures", "list", dir.toString());

        String why = dir + ": no signatures (no .yaml file anywhere under it); give the directory that holds them, as patterns/catalog/ does";
        assertEquals(1, lint.exitCode());
        assertEquals(why + "\n", lint.out());
        assertEquals(2, test.exitCode());
        assertEquals("logdoctor signatures test: " + why + "\n", test.err());
        assertEquals(2, list.exitCode());
    }

    @Test
    void shouldAnswerHelpOnEveryCommand() {
        List<String> failures = new ArrayList<>();
        walk(Main.commandLine(), new ArrayList<>(), failures);

        assertEquals(List.of(), failures);
    }

    private static void walk(CommandLine command, List<String> path, List<String> failures) {
        List<String> args = new ArrayList<>(path);
        args.add("--help");
        Console c = Console.run(args.toArray(String[]::new));
        String usage = "Usage: " + command.getCommandSpec().qualifiedName(" ");
        if (c.exitCode() != 0 || !c.out().contains(usage)) {
            failures.add(String.join(" ", args) + ": exit " + c.exitCode() + ", " + (c.out() + c.err()).lines().findFirst().orElse(""));
        }
        command.getSubcommands().forEach((name, sub) -> {
            if (name.equals(sub.getCommandName())) { // each command once, not once per alias
                List<String> next = new ArrayList<>(path);
                next.add(name);
                walk(sub, next, failures);
            }
        });
    }

    @Test
    void shouldShowTheVariableSyntaxOfTheRoutesFile() {
        Console c = Console.run("notifier", "--help");

        assertTrue(c.out().contains("${VAR} in a value comes from the environment"), c.out());
    }

    @Test
    void shouldGenerateBashCompletionForEveryCommand() {
        Console c = Console.run("generate-completion");

        assertEquals(0, c.exitCode(), c.err());
        assertTrue(c.out().contains("complete -F _complete_logdoctor -o default logdoctor"), c.out());
        assertTrue(c.out().contains("function _picocli_logdoctor_signatures_delete()"), c.out());
    }

    @Test
    void shouldAnnounceTheCatalogueTheStreamsAppStartsFrom(@TempDir Path dir) {
        assertEquals("74 bundled signatures", StreamsCommand.startingCatalogue(SignatureCatalog.bundled(), null)
                .replaceAll("^\\d+", "74"));
        assertTrue(StreamsCommand.startingCatalogue(SignatureCatalog.bundled(), dir.toString())
                .endsWith(" signatures from " + dir), "names the directory");
    }
}
