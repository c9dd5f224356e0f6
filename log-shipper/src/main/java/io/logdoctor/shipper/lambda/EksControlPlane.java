package io.logdoctor.shipper.lambda;

import io.logdoctor.shipper.decode.KlogPodRef;

import io.logdoctor.records.LogRecord;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * EKS control-plane lines: what EKS writes to {@code /aws/eks/<cluster>/cluster} when control-plane logging is
 * on, one log stream per component instance ({@code kube-apiserver-<id>}, {@code kube-apiserver-audit-<id>},
 * {@code authenticator-<id>}, {@code kube-controller-manager-<id>}, {@code kube-scheduler-<id>},
 * {@code cloud-controller-manager-<id>}; AWS, "Amazon EKS control plane logging"). They come through the
 * CloudWatch source or a Firehose subscription and leave as source {@code eks-control-plane}, with the
 * component and, where a klog line names the pod it is about ({@code pod="ns/name"}), that pod.
 */
final class EksControlPlane {

    private static final Pattern GROUP = Pattern.compile("^/aws/eks/([^/]+)/cluster$");
    /** Longest prefix first: the audit stream's name starts with the API server's. */
    private static final List<String> COMPONENTS = List.of("kube-apiserver-audit", "kube-apiserver", "authenticator",
            "kube-controller-manager", "cloud-controller-manager", "kube-scheduler");

    private EksControlPlane() {
    }

    /** The EKS cluster whose control-plane log group this is, or null when it is not one. */
    static String clusterOf(String logGroup) {
        if (logGroup == null) {
            return null;
        }
        Matcher m = GROUP.matcher(logGroup);
        return m.matches() ? m.group(1) : null;
    }

    /** The component that wrote a stream: its name without the instance id; an unknown name is kept whole. */
    static String componentOf(String logStream) {
        if (logStream == null) {
            return null;
        }
        for (String component : COMPONENTS) {
            if (logStream.equals(component) || logStream.startsWith(component + "-")) {
                return component;
            }
        }
        return logStream;
    }

    /** The record of one line of {@code logGroup} (a control-plane group, {@link #clusterOf} not null). */
    static LogRecord record(String logGroup, String logStream, String ts, String line, String deliveryId) {
        String[] about = KlogPodRef.about(line);
        return new LogRecord(ts, LogRecord.SOURCE_EKS_CONTROL_PLANE, clusterOf(logGroup), null, about[0], about[1], about[2], null,
                logGroup, logStream, null, null, line, null, null, deliveryId, null, null,
                Map.of("component", String.valueOf(componentOf(logStream))));
    }
}
