package io.logdoctor.patterns;

import io.krakens.grok.api.Grok;
import io.krakens.grok.api.GrokCompiler;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * java-grok's default patterns plus the catalogue's shared building blocks ({@code grok/*.grok}).
 * java-grok is used only to expand Grok into a regular expression; matching runs on
 * {@link java.util.regex.Pattern} directly, which is what java-grok itself would do, minus its
 * per-match capture maps.
 */
final class GrokLibrary {

    private final GrokCompiler compiler = GrokCompiler.newInstance();

    private GrokLibrary() {
        compiler.registerDefaultPatterns();
    }

    /** The default patterns and every {@code *.grok} file in {@code dir} (which may be absent). */
    static GrokLibrary load(Path dir) throws IOException {
        GrokLibrary library = new GrokLibrary();
        if (Files.isDirectory(dir)) {
            List<Path> files;
            try (Stream<Path> listing = Files.list(dir)) {
                files = listing.filter(p -> p.getFileName().toString().endsWith(".grok")).sorted().toList();
            }
            for (Path file : files) {
                library.registerFile(file, dir.getParent() == null ? file : dir.getParent().relativize(file));
            }
        }
        return library;
    }

    private void registerFile(Path file, Path shownAs) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int space = line.indexOf(' ');
            if (space <= 0 || !line.substring(0, space).matches("[A-Z0-9_]+")) {
                throw new SignatureException(shownAs.toString().replace('\\', '/'), i + 1, "grok",
                        "expected 'NAME regex' with an upper-case name; was '" + line + "'");
            }
            compiler.register(line.substring(0, space), line.substring(space + 1).strip());
        }
    }

    /** Expands a Grok expression to a compiled regular expression. */
    Pattern compile(String grokExpression) {
        Grok grok = compiler.compile(grokExpression, true);
        return Pattern.compile(grok.getNamedRegex());
    }
}
