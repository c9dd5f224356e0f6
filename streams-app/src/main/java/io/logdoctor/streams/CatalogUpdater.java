package io.logdoctor.streams;

import io.logdoctor.patterns.Signature;
import io.logdoctor.patterns.SignatureCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Builds the catalogue from the bundled files overlaid by the records of the signatures topic. A
 * record is applied only if the whole catalogue still loads with it; otherwise it is rejected and the
 * previous version of that signature stays in force. Loading goes through the same validating reader
 * as every catalogue, from a scratch directory, so a pushed file gets the same errors as a file on disk.
 *
 * <p>Whoever can write the topic must not replace a bundled signature silently (issue 10): a pushed file
 * with a bundled id is refused unless it says {@code overrides: true}, and an accepted override is
 * logged and shown as its origin in /signatures. A tombstone for a bundled id removes the override and
 * brings the bundled version back; it never deletes a bundled signature. Bundled Grok files cannot be replaced.
 */
final class CatalogUpdater {

    private static final Logger log = LoggerFactory.getLogger(CatalogUpdater.class);
    static final String OVERRIDES_BUNDLED = ", overrides bundled";

    private static final Pattern KEY = Pattern.compile(Signature.ID.pattern() + "|grok/[A-Za-z0-9_-]+\\.grok");

    private final Path bundledRoot;
    private final Map<String, String> overrides = new TreeMap<>(); // key -> file text, or null for deleted
    private final Map<String, String> origins = new TreeMap<>();
    private final Set<String> bundledIds = new HashSet<>();

    CatalogUpdater(Path bundledRoot, SignatureCatalog bundled) {
        this.bundledRoot = bundledRoot;
        bundled.signatures().forEach(s -> origins.put(s.id(), "bundled"));
        bundled.signatures().forEach(s -> bundledIds.add(s.id()));
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
        boolean bundled = bundledIds.contains(key) || key.startsWith("grok/") && bundledFiles().containsKey(key);
        if (bundled && key.startsWith("grok/")) {
            throw new IllegalArgumentException("grok file " + key + " is bundled and cannot be replaced from the topic;"
                    + " push a Grok file of another name");
        }
        Map<String, String> candidate = new TreeMap<>(overrides);
        if (bundled && text == null) {
            candidate.remove(key); // the bundled file comes back
        } else {
            candidate.put(key, text);
        }
        SignatureCatalog catalog = load(candidate);
        if (bundled && text != null && !catalog.find(key).map(Signature::overrides).orElse(false)) {
            throw new IllegalArgumentException("signature " + key + " is bundled; a pushed file replaces it only when it says"
                    + " 'overrides: true'");
        }
        if (bundled) {
            overrides.remove(key);
            if (text == null) {
                origins.put(key, "bundled");
                log.warn("signature {}: override removed ({}); the bundled version is back", key, origin);
            } else {
                overrides.put(key, text);
                origins.put(key, origin + OVERRIDES_BUNDLED);
                log.warn("signature {}: the bundled version is OVERRIDDEN by the signatures topic ({})", key, origin);
            }
            return catalog;
        }
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
