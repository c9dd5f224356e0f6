package io.logdoctor.benchmarks;

import io.krakens.grok.api.Grok;
import io.krakens.grok.api.GrokCompiler;
import io.logdoctor.patterns.Signature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The naive baseline: every signature's Grok expressions compiled by java-grok and each tried on
 * every line the way java-grok's README does it, {@code grok.match(line).capture()}. This is what a
 * first version of logdoctor would have done.
 */
final class JavaGrokBaseline {

    private final List<Grok> groks = new ArrayList<>();

    JavaGrokBaseline(Path catalogRoot, List<Signature> signatures) {
        GrokCompiler compiler = GrokCompiler.newInstance();
        compiler.registerDefaultPatterns();
        registerBlocks(compiler, catalogRoot.resolve("grok"));
        for (Signature signature : signatures) {
            for (String expression : signature.patterns().values()) {
                groks.add(compiler.compile(expression));
            }
        }
    }

    /** How many patterns match the line; every pattern is tried. */
    int match(String line) {
        int matched = 0;
        for (Grok grok : groks) {
            Map<String, Object> captured = grok.match(line).capture();
            if (!captured.isEmpty()) {
                matched++;
            }
        }
        return matched;
    }

    /** The catalogue's shared {@code NAME regex} lines, registered as a java-grok user would. */
    private static void registerBlocks(GrokCompiler compiler, Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".grok")).sorted().toList()) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    line = line.strip();
                    int space = line.indexOf(' ');
                    if (!line.isEmpty() && !line.startsWith("#") && space > 0) {
                        compiler.register(line.substring(0, space), line.substring(space + 1).strip());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
