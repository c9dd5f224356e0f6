package io.logdoctor.shipper.files;

import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Pod metadata read from where the kubelet puts a container's log file:
 * {@code <root>/<namespace>_<pod>_<uid>/<container>/<restartCount>.log}.
 *
 * <p>Mirrors the kubelet's path builders in
 * <a href="https://github.com/kubernetes/kubernetes/blob/master/pkg/kubelet/kuberuntime/helpers.go">pkg/kubelet/kuberuntime/helpers.go</a>:
 * {@code BuildPodLogsDirectory} joins {@code <podLogsRootDirectory>/<namespace>_<podName>_<podUID>}
 * with {@code logPathDelimiter = "_"}, {@code BuildContainerLogsDirectory} appends
 * {@code <containerName>}, and {@code buildContainerLogsPath} gives {@code <restartCount>.log}.
 * Splitting on {@code _} is unambiguous because namespace and pod names are DNS-1123 names, which
 * cannot contain one.
 *
 * <p>{@link #parse} takes live files only; {@link #parseRotated} also takes every rotation of one: any name
 * {@code <n>.log.<suffix>} (the kubelet's {@code 0.log.20240102-150405}, from {@code ContainerLogManager}'s
 * {@code fmt.Sprintf("%s.%s", log, timestamp)}; numbered copies {@code 0.log.1}; logrotate's dateext {@code 0.log-20240102}; any other
 * suffix, since a followed file must be found again whatever it was renamed to) and compressed ones
 * ({@code .gz}). Temporary files ({@code .tmp}: the kubelet's {@code .gz.tmp} while it compresses) never parse.
 */
public record PodLogPath(String namespace, String pod, String uid, String container, int restartCount) {

    private static final String LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    /** Namespaces and container names are DNS-1123 labels (at most 63 characters). */
    private static final Pattern DNS_LABEL = Pattern.compile(LABEL);
    /** Pod names are DNS-1123 subdomains (at most 253 characters). */
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile(LABEL + "(\\." + LABEL + ")*");
    /**
     * An API pod's uid is a UUID; a static pod's uid is the hex MD5 of its manifest
     * (pkg/kubelet/config/common.go, applyDefaults), so both forms are accepted.
     */
    private static final Pattern UID = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{32}");
    /** {@code fmt.Sprintf("%d.log", restartCount)}: no sign, no leading zeros. */
    private static final Pattern LOG_FILE = Pattern.compile("(0|[1-9][0-9]{0,9})\\.log");

    /** Reads the metadata of {@code file} below {@code root}, or empty if it is not a kubelet pod-log path. */
    public static Optional<PodLogPath> parse(Path root, Path file) {
        return parse(root, file, false);
    }

    /** Like {@link #parse}, but also for a rotated file such as {@code 0.log.20240102-150405}. */
    static Optional<PodLogPath> parseRotated(Path root, Path file) {
        return parse(root, file, true);
    }

    /**
     * True if {@code fileName} is an uncompressed rotation of a log: {@code <n>.log} followed by {@code .} or
     * {@code -} and a suffix ({@code 0.log.20240102-150405}, {@code 0.log.1}, logrotate's dateext {@code 0.log-20240102}).
     */
    static boolean isRotation(String fileName) {
        int log = fileName.indexOf(".log");
        if (log <= 0 || fileName.length() <= log + 5) {
            return false;
        }
        char separator = fileName.charAt(log + 4);
        return (separator == '.' || separator == '-') && !fileName.endsWith(".tmp") && !fileName.endsWith(".gz");
    }

    /** True if {@code fileName} is a live log's name as the kubelet writes it: {@code <restartCount>.log}. */
    static boolean isLiveName(String fileName) {
        return LOG_FILE.matcher(fileName).matches();
    }

    /** True if {@code fileName} is a rotation of a log, gzipped or not. */
    static boolean isAnyRotation(String fileName) {
        return isRotation(fileName) || isCompressedRotation(fileName);
    }

    /** True if {@code fileName} is a gzipped rotation of a log ({@code 0.log.20240102-150405.gz}). */
    static boolean isCompressedRotation(String fileName) {
        return fileName.endsWith(".gz") && isRotation(fileName.substring(0, fileName.length() - 3));
    }

    private static Optional<PodLogPath> parse(Path root, Path file, boolean rotated) {
        Path relative;
        try {
            relative = root.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (relative.getNameCount() != 3) {
            return Optional.empty();
        }
        String[] podDir = relative.getName(0).toString().split("_", -1);
        String container = relative.getName(1).toString();
        String fileName = relative.getName(2).toString();
        if (rotated && isAnyRotation(fileName)) {
            fileName = fileName.substring(0, fileName.indexOf(".log") + 4);
        }
        if (podDir.length != 3
                || !isName(DNS_LABEL, podDir[0], 63)
                || !isName(DNS_SUBDOMAIN, podDir[1], 253)
                || !UID.matcher(podDir[2]).matches()
                || !isName(DNS_LABEL, container, 63)
                || !LOG_FILE.matcher(fileName).matches()) {
            return Optional.empty();
        }
        long restartCount = Long.parseLong(fileName.substring(0, fileName.length() - ".log".length()));
        if (restartCount > Integer.MAX_VALUE) {
            return Optional.empty();
        }
        return Optional.of(new PodLogPath(podDir[0], podDir[1], podDir[2], container, (int) restartCount));
    }

    private static boolean isName(Pattern pattern, String value, int maxLength) {
        return value.length() <= maxLength && pattern.matcher(value).matches();
    }
}
