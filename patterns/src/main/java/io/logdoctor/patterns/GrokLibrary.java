package io.logdoctor.patterns;

import io.krakens.grok.api.Grok;
import io.krakens.grok.api.GrokCompiler;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * java-grok's default patterns plus the catalogue's shared building blocks ({@code grok/*.grok}).
 * java-grok is used only to expand Grok into a regular expression; matching runs on
 * {@link java.util.regex.Pattern} directly, which is what java-grok itself would do, minus its
 * per-match capture maps.
 */
final class GrokLibrary {

    private static final Pattern NAMED_GROUP = Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>");

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
        return compileWithCaptures(grokExpression).pattern();
    }

    /** A compiled expression and the regex group of each of its captures ({@code %{POD:pod}}, {@code (?<pod>...)}). */
    record Compiled(Pattern pattern, Map<String, List<String>> groupsOfCapture) {
    }

    Compiled compileWithCaptures(String grokExpression) {
        Grok grok = compiler.compile(grokExpression, true);
        String regex = grok.getNamedRegex();
        Pattern pattern = Pattern.compile(regex);
        Set<String> groups = new LinkedHashSet<>();
        Matcher group = NAMED_GROUP.matcher(regex);
        while (group.find()) {
            groups.add(group.group(1));
        }
        Map<String, List<String>> captures = new LinkedHashMap<>();
        Map<String, String> grokGroups = grok.getNamedRegexCollection();
        for (String regexGroup : groups) { // in the order they appear, so a capture's first alternative is tried first
            String capture = grokGroups.getOrDefault(regexGroup, regexGroup); // (?<name>...) written in the expression
            int type = capture.indexOf(':'); // %{INT:n:int} is listed as "n:int"
            captures.computeIfAbsent(type < 0 ? capture : capture.substring(0, type), c -> new ArrayList<>()).add(regexGroup);
        }
        captures.replaceAll((capture, list) -> List.copyOf(list));
        return new Compiled(pattern, Map.copyOf(captures));
    }
}
