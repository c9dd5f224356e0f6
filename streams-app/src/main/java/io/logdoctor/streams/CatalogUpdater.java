package io.logdoctor.streams;

import io.logdoctor.patterns.SignatureCatalog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Builds the catalogue from the bundled files overlaid by the records of the signatures topic. A
 * record is applied only if the whole catalogue still loads with it; otherwise it is rejected and the
 * previous version of that signature stays in force. Loading goes through the same validating reader
 * as every catalogue, from a scratch directory, so a pushed file gets the same errors as a file on disk.
 */
final class CatalogUpdater {

    private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9-]*/[a-z0-9][a-z0-9-]*|grok/[A-Za-z0-9_-]+\\.grok");

    private final Path bundledRoot;
    private final Map<String, String> overrides = new TreeMap<>(); // key -> file text, or null for deleted
    private final Map<String, String> origins = new TreeMap<>();

    CatalogUpdater(Path bundledRoot, SignatureCatalog bundled) {
        this.bundledRoot = bundledRoot;
        bundled.signatures().forEach(s -> origins.put(s.id(), "bundled"));
    }

    /**
     * The catalogue with one more record of the topic applied ({@code text} null for a tombstone).
     *
     * @throws IllegalArgumentException for a key that is neither a signature id nor a grok file
     * @throws io.logdoctor.patterns.SignatureException for a file that does not load, naming line and field
     */
    SignatureCatalog apply(String key, String text, String origin) throws IOException {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("key must be a signature id (area/name) or grok/<name>.grok; was '" + key + "'");
        }
        Map<String, String> candidate = new TreeMap<>(overrides);
        candidate.put(key, text);
        SignatureCatalog catalog = load(candidate);
        overrides.put(key, text);
        if (text == null) {
            origins.remove(key);
        } else if (!key.startsWith("grok/")) {
            origins.put(key, origin);
        }
        return catalog;
    }

    /** Where each signature of the current catalogue came from: bundled, or topic@offset. */
    Map<String, String> origins() {
        return Map.copyOf(origins);
    }

    private SignatureCatalog load(Map<String, String> candidate) throws IOException {
        Path scratch = Files.createTempDirectory("logdoctor-catalog-");
        try {
            for (Map.Entry<String, String> file : bundledFiles().entrySet()) {
                write(scratch, file.getKey(), file.getValue());
            }
            for (Map.Entry<String, String> o : candidate.entrySet()) {
                String relative = o.getKey().startsWith("grok/") ? o.getKey() : o.getKey() + ".yaml";
                Path target = scratch.resolve(relative);
                if (o.getValue() == null) {
                    Files.deleteIfExists(target);
                } else {
                    write(scratch, relative, o.getValue());
                }
            }
            return SignatureCatalog.load(scratch);
        } finally {
            try (Stream<Path> walk = Files.walk(scratch)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** The bundled signature and grok files (not their fixtures), by path relative to the root. */
    private Map<String, String> bundledFiles() throws IOException {
        Map<String, String> files = new HashMap<>();
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(bundledRoot)) {
            paths = walk.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".grok")).toList();
        }
        for (Path p : paths) {
            files.put(bundledRoot.relativize(p).toString().replace('\\', '/'), Files.readString(p, StandardCharsets.UTF_8));
        }
        return files;
    }

    private static void write(Path root, String relative, String text) throws IOException {
        Path target = root.resolve(relative);
        Files.createDirectories(target.getParent());
        Files.writeString(target, text, StandardCharsets.UTF_8);
    }
}
