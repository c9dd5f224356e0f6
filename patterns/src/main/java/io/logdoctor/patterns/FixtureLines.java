package io.logdoctor.patterns;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a fixture file ({@code .match.log}, {@code .nomatch.log}, {@code .fire.log}) holds: every line is a
 * log line except blank ones and those starting with {@code #}: comments, and the {@code #@} context and
 * {@code #>} expectation lines that their readers take apart themselves.
 */
public final class FixtureLines {

    private FixtureLines() {
    }

    /** True for a log line, false for a blank line, a comment, a context or an expectation line. */
    public static boolean isLogLine(String line) {
        return !line.isBlank() && !line.startsWith("#");
    }

    /** The log lines of one fixture file, in order; none when the file is absent. */
    public static List<String> of(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(FixtureLines::isLogLine).toList();
    }

    /** The log lines of every file below {@code root} whose name ends with {@code suffix}, files in path order. */
    public static List<String> under(Path root, String suffix) throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList()) {
                lines.addAll(of(file));
            }
        }
        return lines;
    }
}
