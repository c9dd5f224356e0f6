package io.logdoctor.shipper.decode;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pod a Kubernetes component's klog line is about, as kubelet (in the node journal) and kube-scheduler (in the
 * EKS control-plane logs) name it: the structured {@code pod="<namespace>/<name>"} key, or kubelet's
 * {@code name_namespace(uid)} format, and the container where the line names one.
 */
public final class KlogPodRef {

    /** klog structured (kubelet 1.19+): {@code pod="shop/api-7d9f8b6c5-k2x8v"}; pod names never hold '/'. */
    private static final Pattern POD_KEY = Pattern.compile("\\bpod=\"([a-z0-9][-a-z0-9]*)/([a-z0-9][-a-z0-9.]*)\"");
    /**
     * kubelet's pod format ({@code format.Pod}: name_namespace(uid)), in klog text lines up to 1.18 and inside
     * back-off messages: {@code Error syncing pod <uid> ("api-x_shop(<uid>)")}, {@code Liveness probe for "api-x_shop(<uid>):api"},
     * {@code container=api pod=api-x_shop(<uid>)}.
     */
    private static final Pattern POD_FORMAT = Pattern.compile("(?:\\bpod=|\")([a-z0-9][-a-z0-9.]*)_([a-z0-9][-a-z0-9]*)\\([0-9a-f-]{8,}\\)");
    /** klog structured: {@code containerName="api"} (probes, container lifecycle). */
    private static final Pattern CONTAINER_KEY = Pattern.compile("\\bcontainerName=\"([^\"\\\\]{1,253})\"");
    /** A sync error naming the container: {@code failed to \"StartContainer\" for \"api\" with CrashLoopBackOff}. */
    private static final Pattern START_CONTAINER = Pattern.compile("\"StartContainer\\\\?\" for \\\\?\"([-a-z0-9]{1,63})\\\\?\"");
    /** The back-off message: {@code restarting failed container=api pod=...}. */
    private static final Pattern CONTAINER_EQ = Pattern.compile("\\bcontainer=([-a-z0-9]{1,63}) pod=");

    private KlogPodRef() {
    }

    /** {namespace, pod, container} of the pod a kubelet line is about; nulls when it names none. */
    public static String[] about(String line) {
        String[] about = new String[3];
        if (!line.contains("pod=") && line.indexOf('_') < 0) {
            return about; // most lines: no pod key and no name_namespace(uid)
        }
        Matcher m = POD_KEY.matcher(line);
        if (!m.find()) {
            m = POD_FORMAT.matcher(line);
            if (!m.find()) {
                return about;
            }
            about[0] = m.group(2);
            about[1] = m.group(1);
        } else {
            about[0] = m.group(1);
            about[1] = m.group(2);
        }
        for (Pattern container : new Pattern[] {CONTAINER_KEY, START_CONTAINER, CONTAINER_EQ}) {
            Matcher c = container.matcher(line);
            if (c.find()) {
                about[2] = c.group(1);
                break;
            }
        }
        return about;
    }
}
