package io.logdoctor.records;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

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
        Boolean tsInvalid) {

    public static final String SOURCE_K8S = "k8s";
    public static final String SOURCE_LAMBDA = "lambda";

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
                function, requestId, line, file, offset, deliveryId, truncated, Boolean.TRUE);
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
        if (SOURCE_LAMBDA.equals(source)) {
            return logGroup + "/" + logStream;
        }
        return cluster + "/" + namespace + "/" + pod + "/" + container;
    }
}
