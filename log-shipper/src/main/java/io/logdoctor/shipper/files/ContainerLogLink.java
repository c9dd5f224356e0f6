package io.logdoctor.shipper.files;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The name of a kubelet symlink in {@code /var/log/containers}:
 * {@code <pod>_<namespace>_<container>-<containerID>.log}, pointing at the container's file under
 * {@code /var/log/pods}.
 *
 * <p>Mirrors {@code logSymlink} in
 * <a href="https://github.com/kubernetes/kubernetes/blob/master/pkg/kubelet/kuberuntime/kuberuntime_container.go">
 * pkg/kubelet/kuberuntime/kuberuntime_container.go</a>: the name before {@code .log} is cut to
 * {@code 255 - len(".log")} bytes (ext4's file name limit), so with a long pod name the container id,
 * the container name or even the namespace may be cut short. That is why the shipper takes pod metadata
 * from the link's target, never from this name; the name only helps for targets outside the pod-log
 * tree, and only when {@link #complete()}.
 *
 * @param pod         the pod name (as far as the name goes)
 * @param namespace   the namespace, or null if cut away
 * @param container   the container name, or null if cut away
 * @param containerId the 64-hex container id, or null if cut short
 */
record ContainerLogLink(String pod, String namespace, String container, String containerId) {

    /** ext4's limit on one file name, in bytes. */
    static final int MAX_NAME_BYTES = 255;
    private static final Pattern CONTAINER_ID = Pattern.compile("[0-9a-f]{64}");

    /** True if nothing was cut: every field is there. */
    boolean complete() {
        return containerId != null;
    }

    /** Reads a link name, or empty if it does not even start like one. */
    static Optional<ContainerLogLink> parse(String fileName) {
        if (!fileName.endsWith(".log") || fileName.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            return Optional.empty();
        }
        String base = fileName.substring(0, fileName.length() - ".log".length());
        String[] parts = base.split("_", 3);
        if (parts[0].isEmpty()) {
            return Optional.empty();
        }
        if (parts.length < 3) {
            // Cut inside the namespace (or right after the pod name).
            return Optional.of(new ContainerLogLink(parts[0], null, null, null));
        }
        String rest = parts[2];
        int dash = rest.lastIndexOf('-');
        if (dash > 0 && CONTAINER_ID.matcher(rest.substring(dash + 1)).matches()) {
            return Optional.of(new ContainerLogLink(parts[0], parts[1], rest.substring(0, dash), rest.substring(dash + 1)));
        }
        // Cut inside the container id or the container name: which part is which is unknown.
        return Optional.of(new ContainerLogLink(parts[0], parts[1], null, null));
    }
}
