package io.logdoctor.shipper.decode;

/**
 * One physical line of a CRI container log, as containerd and CRI-O write it:
 * {@code <RFC3339Nano timestamp> <stdout|stderr> <tag> <message>}.
 *
 * <p>The format is specified by the kubelet's reader
 * (<a href="https://github.com/kubernetes/kubernetes/blob/master/pkg/kubelet/kuberuntime/logs/logs.go">
 * pkg/kubelet/kuberuntime/logs/logs.go</a>, {@code parseCRILog}): the tag is {@code F} for a full line or
 * {@code P} for a partial one that the runtime split (containerd splits at 16 KiB), optionally followed by
 * {@code :}-separated extensions that this reader ignores.
 *
 * @param timestamp the time exactly as printed (RFC 3339, {@code Z} or a numeric offset)
 * @param stream    {@code stdout} or {@code stderr}
 * @param partial   true for a {@code P} line whose text continues on the next line of the same stream
 * @param message   the text after the tag, possibly empty
 */
record CriLine(String timestamp, String stream, boolean partial, String message) {

    static final String STDOUT = "stdout";
    static final String STDERR = "stderr";
}
