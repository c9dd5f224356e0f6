package io.logdoctor.streams;

import io.logdoctor.patterns.SignatureCatalog;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The catalogue the app runs with now, swapped whole when the signatures topic changes it. Stream
 * threads read it per record; a swap is one volatile write, so a line is matched entirely against
 * one version or the next, never a mix.
 */
public final class CatalogHolder implements Supplier<SignatureCatalog> {

    /** One loaded version: the catalogue, its number, and where each signature came from. */
    public record Version(SignatureCatalog catalog, long number, Map<String, String> origins) {
    }

    private final AtomicReference<Version> current;

    /** A holder that starts with {@code initial} as version 1, every signature of it bundled. */
    public CatalogHolder(SignatureCatalog initial) {
        Map<String, String> origins = new TreeMap<>();
        initial.signatures().forEach(s -> origins.put(s.id(), "bundled"));
        this.current = new AtomicReference<>(new Version(initial, 1, Map.copyOf(origins)));
    }

    @Override
    public SignatureCatalog get() {
        return current.get().catalog();
    }

    /** The version in use. */
    public Version version() {
        return current.get();
    }

    void swap(SignatureCatalog catalog, Map<String, String> origins) {
        current.updateAndGet(v -> new Version(catalog, v.number() + 1, Map.copyOf(origins)));
    }
}
