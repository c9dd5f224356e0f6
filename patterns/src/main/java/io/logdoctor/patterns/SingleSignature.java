package io.logdoctor.patterns;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One signature file read on its own, for {@code signatures backtest}: a catalogue of that signature
 * plus, from a base catalogue, the signature it refines and those that refine it, so refinement works
 * as in production while the other signatures stay out of the way.
 */
public final class SingleSignature {

    private static final Pattern ID_LINE = Pattern.compile("(?m)^id:\\s*['\"]?([a-z0-9/_.-]+)");

    private SingleSignature() {
    }

    /**
     * The catalogue to backtest {@code file} with. Its root is the directory its id is relative to
     * ({@code team/x.yaml} with {@code id: team/x} has the root two levels up), so its {@code grok/}
     * blocks are found as {@link SignatureCatalog#load} finds them.
     *
     * @throws SignatureException naming the file, line and field of the first invalid value
     */
    public static SignatureCatalog of(Path file, SignatureCatalog base) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("signature file " + file + " does not exist or is not a file");
        }
        Path absolute = file.toAbsolutePath().normalize();
        Path root = absolute.getParent();
        Matcher id = ID_LINE.matcher(Files.readString(absolute, StandardCharsets.UTF_8));
        if (id.find()) {
            for (int i = 1; i < id.group(1).split("/").length && root.getParent() != null; i++) {
                root = root.getParent();
            }
        }
        Signature tested = SignatureFileReader.read(GrokLibrary.load(root.resolve("grok")), absolute,
                SignatureCatalog.relative(root, absolute));
        List<Signature> signatures = new ArrayList<>();
        signatures.add(tested);
        for (Signature s : base.signatures()) {
            boolean refined = tested.refines().filter(s.id()::equals).isPresent();
            boolean refiner = s.refines().filter(tested.id()::equals).isPresent();
            if (!s.id().equals(tested.id()) && (refined || refiner)) {
                signatures.add(s);
            }
        }
        SignatureCatalog.checkRefinements(root, signatures);
        return new SignatureCatalog(root, signatures);
    }
}
