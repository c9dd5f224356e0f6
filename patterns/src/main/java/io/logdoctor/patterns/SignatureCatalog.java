package io.logdoctor.patterns;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The loaded, validated signatures of one catalogue directory ({@code <area>/<name>.yaml}, shared
 * Grok in {@code grok/}), with the fixtures beside them.
 */
public final class SignatureCatalog {

    private static final String BUNDLED = "/catalog";

    private final Path root;
    private final List<Signature> signatures;
    private final SignatureMatcher matcher;

    SignatureCatalog(Path root, List<Signature> signatures) {
        this.root = root;
        this.signatures = List.copyOf(signatures);
        this.matcher = new SignatureMatcher(this.signatures);
    }

    /**
     * Loads every signature under {@code root}.
     *
     * @throws SignatureException naming the file, line and field of the first invalid value
     */
    public static SignatureCatalog load(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new IOException("signature catalogue " + root + " is not a directory");
        }
        GrokLibrary grok = GrokLibrary.load(root.resolve("grok"));
        List<Signature> signatures = readAll(root, grok, signatureFiles(root));
        checkRefinements(root, signatures);
        return new SignatureCatalog(root, signatures);
    }

    /**
     * Reads the files on every core (parsing the YAML and compiling the Grok of 400 signatures was most of a start's
     * first second), in their order; a bad file fails the load as it would read one by one: the first in id order.
     */
    private static List<Signature> readAll(Path root, GrokLibrary grok, List<Path> files) throws IOException {
        List<Object> read = files.parallelStream().map(file -> {
            try {
                return (Object) SignatureFileReader.read(grok, file, relative(root, file));
            } catch (IOException | RuntimeException e) {
                return e;
            }
        }).toList();
        List<Signature> signatures = new ArrayList<>(read.size());
        for (Object r : read) {
            if (r instanceof IOException e) {
                throw e;
            }
            if (r instanceof RuntimeException e) {
                throw e;
            }
            signatures.add((Signature) r);
        }
        return signatures;
    }

    /** Every signature file under {@code root}, in id order. */
    static List<Path> signatureFiles(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.getFileName().toString().matches(".*\\.ya?ml"))
                    .filter(Files::isRegularFile)
                    .sorted(Comparator.comparing(p -> relative(root, p)))
                    .toList();
        }
    }

    /** A signature may only refine one that is in the catalogue, and that one must not refine in turn. */
    static void checkRefinements(Path root, List<Signature> signatures) throws IOException {
        Map<String, Signature> byId = new HashMap<>();
        signatures.forEach(s -> byId.put(s.id(), s));
        for (Signature s : signatures) {
            if (s.refines().isEmpty()) {
                continue;
            }
            Signature target = byId.get(s.refines().get());
            if (target == null || target.refines().isPresent()) {
                throw new SignatureException(s.file(), lineOf(root.resolve(s.file()), "refines"), "refines", (target == null
                        ? "names no signature of this catalogue" : "names a signature that itself refines "
                        + target.refines().get()) + "; was '" + s.refines().get() + "'");
            }
        }
    }

    /** The line of a top-level key; refinement is checked across files, after the line-aware reader is done. */
    static int lineOf(Path file, String key) throws IOException {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).matches(key + "\\s*:.*")) {
                return i + 1;
            }
        }
        return 1;
    }

    /** The signatures that refine {@code id}: the more specific explanations of it. */
    public List<Signature> refinersOf(String id) {
        return signatures.stream().filter(s -> s.refines().filter(id::equals).isPresent()).toList();
    }

    /** The catalogue that ships inside the patterns jar. */
    public static SignatureCatalog bundled() {
        try {
            return load(bundledRoot());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled signature catalogue", e);
        }
    }

    private static Path bundledRoot() throws IOException {
        URL url = SignatureCatalog.class.getResource(BUNDLED);
        if (url == null) {
            throw new IOException("no " + BUNDLED + " directory on the classpath");
        }
        try {
            URI uri = url.toURI();
            if (!"jar".equals(uri.getScheme())) {
                return Path.of(uri);
            }
            FileSystem jar;
            try {
                jar = FileSystems.newFileSystem(uri, Map.of());
            } catch (FileSystemAlreadyExistsException e) {
                jar = FileSystems.getFileSystem(uri);
            }
            return jar.getPath(BUNDLED);
        } catch (URISyntaxException e) {
            throw new IOException("bad catalogue location " + url, e);
        }
    }

    static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }

    /** The directory the catalogue was read from; fixtures are found beside each signature there. */
    public Path root() {
        return root;
    }

    /** Every signature, ordered by id. */
    public List<Signature> signatures() {
        return signatures;
    }

    /** The signature with this id, if loaded. */
    public Optional<Signature> find(String id) {
        return signatures.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /** The matcher over every signature of this catalogue; thread-safe. */
    public SignatureMatcher matcher() {
        return matcher;
    }
}
