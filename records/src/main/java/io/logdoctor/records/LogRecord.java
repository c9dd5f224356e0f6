package io.logdoctor.records;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One log line (or one joined multi-line event) as it travels on {@code logs.raw}.
 *
 * <p>Fields that do not apply to a source are null and left out of the JSON. Provenance ({@code file}
 * and {@code offset}, or {@code deliveryId}) lets any line be traced back to where it was read.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LogRecord(
        String ts,
        String source,
        String cluster,
        String node,
        String namespace,
        String pod,
        String container,
        String stream,
        String logGroup,
        String logStream,
        String function,
        String requestId,
        String line,
        String file,
        Long offset,
        String deliveryId,
        Boolean truncated,
        Boolean tsInvalid,
        Map<String, String> attributes) {

    /** A container's log line read from the node's pod log files. */
    public static final String SOURCE_K8S = "k8s";
    /** A Lambda function's line (Firehose, Telemetry API, CloudWatch Logs). */
    public static final String SOURCE_LAMBDA = "lambda";
    /** An entry of the node's systemd journal (kubelet, the container runtime, the kernel); attributes: unit, priority. */
    public static final String SOURCE_JOURNALD = "journald";
    /** A Kubernetes Event; attributes: reason, type, and kind, name, uid and owner (Deployment/api) of the involved object. */
    public static final String SOURCE_K8S_EVENT = "k8s-event";
    /** An EKS control-plane line from {@code /aws/eks/<cluster>/cluster}; attributes: component. */
    public static final String SOURCE_EKS_CONTROL_PLANE = "eks-control-plane";
    /** Every source kind, in the order the docs list them. */
    public static final List<String> SOURCES = List.of(SOURCE_K8S, SOURCE_LAMBDA, SOURCE_JOURNALD, SOURCE_K8S_EVENT,
            SOURCE_EKS_CONTROL_PLANE);

    /** Attributes sorted by name (so the JSON is stable), null values left out, none as null. */
    public LogRecord {
        if (attributes != null) {
            Map<String, String> sorted = new TreeMap<>();
            attributes.forEach((k, v) -> {
                if (k != null && v != null) {
                    sorted.put(k, v);
                }
            });
            attributes = sorted.isEmpty() ? null : Collections.unmodifiableMap(sorted);
        }
    }

    /** A record without attributes: the shape before source kinds beyond k8s and lambda existed. */
    public LogRecord(String ts, String source, String cluster, String node, String namespace, String pod, String container,
                     String stream, String logGroup, String logStream, String function, String requestId, String line,
                     String file, Long offset, String deliveryId, Boolean truncated, Boolean tsInvalid) {
        this(ts, source, cluster, node, namespace, pod, container, stream, logGroup, logStream, function, requestId, line,
                file, offset, deliveryId, truncated, tsInvalid, null);
    }

    /** A record whose time was valid (or absent): the shape before {@code tsInvalid} existed. */
    public LogRecord(String ts, String source, String cluster, String node, String namespace, String pod, String container,
                     String stream, String logGroup, String logStream, String function, String requestId, String line,
                     String file, Long offset, String deliveryId, Boolean truncated) {
        this(ts, source, cluster, node, namespace, pod, container, stream, logGroup, logStream, function, requestId, line,
                file, offset, deliveryId, truncated, null);
    }

    /**
     * This record with its {@code ts} checked ({@link Timestamps#check}): itself when the time is valid,
     * else a copy with {@code receivedAt} as {@code ts} and {@code tsInvalid: true}.
     */
    public LogRecord withCheckedTs(Instant receivedAt) {
        Timestamps.Checked checked = Timestamps.check(ts, receivedAt);
        if (!checked.replaced()) {
            return this;
        }
        return new LogRecord(checked.ts(), source, cluster, node, namespace, pod, container, stream, logGroup, logStream,
                function, requestId, line, file, offset, deliveryId, truncated, Boolean.TRUE, attributes);
    }

    /** A Kubernetes pod-log line read from {@code file} at byte {@code offset}. */
    public static LogRecord k8s(String ts, String cluster, String node, String namespace, String pod,
                                String container, String stream, String line, String file, long offset,
                                boolean truncated) {
        return new LogRecord(ts, SOURCE_K8S, cluster, node, namespace, pod, container, stream,
                null, null, null, null, line, file, offset, null, truncated ? Boolean.TRUE : null);
    }

    /**
     * The Kafka key: the identity of the stream this line belongs to, so that one stream's lines stay
     * in order on one partition.
     */
    @JsonIgnore
    public String streamKey() {
        if (SOURCE_LAMBDA.equals(source) || SOURCE_EKS_CONTROL_PLANE.equals(source)) {
            return logGroup + "/" + logStream;
        }
        if (SOURCE_JOURNALD.equals(source)) {
            return cluster + "/" + node + "/journal/" + (attributes == null ? null : attributes.get("unit"));
        }
        if (SOURCE_K8S_EVENT.equals(source)) {
            return cluster + "/events/" + namespace;
        }
        return cluster + "/" + namespace + "/" + pod + "/" + container;
    }
}
