package io.logdoctor.shipper.files;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Which containers to ship, by globs over {@code <namespace>/<pod>/<container>}: a container is shipped
 * if it matches some include (or there is none) and no exclude. A glob has up to three
 * {@code /}-separated parts, missing ones match anything: {@code kube-system} is every container of that
 * namespace, {@code *}{@code /*}{@code /istio-proxy} every sidecar. {@code *} matches any run of
 * characters, {@code ?} one character; names never contain {@code /}.
 */
public final class PodSelector {

    private final List<Pattern[]> includes;
    private final List<Pattern[]> excludes;

    public PodSelector(List<String> includes, List<String> excludes) {
        this.includes = includes.stream().map(PodSelector::compile).toList();
        this.excludes = excludes.stream().map(PodSelector::compile).toList();
    }

    /** Everything. */
    static PodSelector all() {
        return new PodSelector(List.of(), List.of());
    }

    boolean selects(String namespace, String pod, String container) {
        String[] names = {namespace, pod, container};
        return (includes.isEmpty() || includes.stream().anyMatch(g -> matches(g, names)))
                && excludes.stream().noneMatch(g -> matches(g, names));
    }

    private static boolean matches(Pattern[] glob, String[] names) {
        for (int i = 0; i < glob.length; i++) {
            if (!glob[i].matcher(names[i] == null ? "" : names[i]).matches()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Compiles {@code ns[/pod[/container]]}.
     *
     * @throws IllegalArgumentException for an empty glob or one with more than three parts
     */
    public static Pattern[] compile(String glob) {
        String[] parts = glob.strip().split("/", -1);
        if (glob.isBlank() || parts.length > 3) {
            throw new IllegalArgumentException("a selector is <namespace>[/<pod>[/<container>]] globs; was \"" + glob + "\"");
        }
        Pattern[] patterns = new Pattern[parts.length];
        for (int i = 0; i < parts.length; i++) {
            patterns[i] = Pattern.compile(toRegex(parts[i]));
        }
        return patterns;
    }

    private static String toRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return regex.toString();
    }
}
