package io.logdoctor.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's "Add a signature in five minutes", as a newcomer follows it: the files it shows are
 * written where it says, and each {@code $ ./logdoctor ...} line runs in bash (globs and all) from a
 * directory laid out like the checkout; its output must be what the README prints ("…" stands for any text).
 */
class ReadmeWalkthroughTest {

    private static final Pattern FENCE = Pattern.compile("(?m)^ *```[a-z]*\\n(.*?)^ *```\\n", Pattern.DOTALL);
    private static final Pattern FILE_NAME = Pattern.compile("`(catalog/[^`]+\\.(?:yaml|log))`");

    @TempDir
    Path checkout;

    @Test
    void shouldRunEveryCommandOfTheWalkthroughAsWritten() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        int start = readme.indexOf("### Add a signature in five minutes");
        String section = readme.substring(start, readme.indexOf("\n## ", start));
        layOutCheckout();

        List<String> commands = new ArrayList<>();
        int filesWritten = 0;
        Matcher block = FENCE.matcher(section);
        int previousEnd = 0;
        while (block.find()) {
            String body = block.group(1).replaceAll("(?m)^   ", ""); // the list item's indentation
            Matcher name = FILE_NAME.matcher(section.substring(previousEnd, block.start()));
            String file = null;
            while (name.find()) {
                file = name.group(1); // the last file named before the block is the one it shows
            }
            previousEnd = block.end();
            if (body.startsWith("$ ")) {
                commands.add(body);
            } else if (file != null) {
                Files.createDirectories(checkout.resolve(file).getParent());
                Files.writeString(checkout.resolve(file), body);
                filesWritten++;
            }
        }
        assertEquals(3, filesWritten, "the YAML file and its two fixtures");
        assertEquals(1, commands.size(), section);

        int ran = 0;
        for (String[] step : steps(commands.get(0))) {
            Shell run = Shell.run(checkout, Shell.plainEnvironment(), "", 120, List.of("bash", "-c", step[0]));
            List<String> output = new ArrayList<>(run.out().lines().toList());
            output.addAll(run.err().lines().toList());
            List<String> expected = step[1].lines().toList();
            assertEquals(0, run.exitCode(), step[0] + "\n" + run.out() + run.err());
            assertEquals(expected.size(), output.size(), step[0] + " printed\n" + String.join("\n", output));
            for (String line : expected) {
                assertTrue(output.stream().anyMatch(o -> o.matches(wildcards(line))), step[0] + ": no line like\n" + line
                        + "\nin\n" + String.join("\n", output));
            }
            ran++;
        }
        assertEquals(4, ran, "lint, test, match, diagnose");
    }

    /** Each "$ command" with the lines printed under it. */
    private static List<String[]> steps(String block) {
        List<String[]> steps = new ArrayList<>();
        for (String chunk : block.split("(?m)^\\$ ")) {
            if (!chunk.isBlank()) {
                int newline = chunk.indexOf('\n');
                steps.add(new String[]{chunk.substring(0, newline), chunk.substring(newline + 1)});
            }
        }
        return steps;
    }

    private static String wildcards(String line) {
        StringBuilder regex = new StringBuilder();
        for (String part : line.split("…", -1)) {
            regex.append(Pattern.quote(part)).append(".*");
        }
        return regex.substring(0, regex.length() - 2);
    }

    // ./logdoctor runs this build's CLI (the launcher itself is LauncherIT's subject); docs/ is the checkout's.
    private void layOutCheckout() throws Exception {
        Path launcher = Files.writeString(checkout.resolve("logdoctor"), "#!/usr/bin/env bash\nexec '"
                + Path.of(System.getProperty("java.home"), "bin", "java") + "' -cp '" + System.getProperty("java.class.path")
                + "' io.logdoctor.cli.Main \"$@\"\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createSymbolicLink(checkout.resolve("docs"), Path.of("..", "docs").toAbsolutePath().normalize());
    }
}
