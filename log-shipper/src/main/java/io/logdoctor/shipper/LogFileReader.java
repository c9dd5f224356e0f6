package io.logdoctor.shipper;

import io.logdoctor.shipper.files.PodLogPath;
import io.logdoctor.shipper.lambda.CloudWatchLogsPayload;

import io.logdoctor.records.LogRecord;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Reads a log file offline into {@code logs.raw} records, as the shipper would have produced them:
 * {@code raw}, {@code cri}, {@code docker} and {@code kubectl} files through {@link LineDecoder} (the
 * shipper's assembler: partial lines and stack traces joined), {@code cloudwatch} files as one CloudWatch
 * Logs subscription payload. Whose lines they are comes from a {@link Scope}: given on the command line,
 * else read from a kubelet path {@code <ns>_<pod>_<uid>/<container>/<n>.log}, else the file name stands
 * for the pod.
 */
public final class LogFileReader {

    /** The cluster name offline records carry. */
    public static final String CLUSTER = "offline";

    /** The formats {@link #read} takes. */
    public static final List<String> FORMATS = List.of("raw", "cri", "docker", "kubectl", "cloudwatch");

    private LogFileReader() {
    }

    /**
     * Whose lines a file holds, as far as the user said: null fields are taken from the file's path.
     *
     * @param source   {@code k8s} (default) or {@code lambda}
     * @param function for {@code lambda}: the function (default: the file's name)
     */
    public record Scope(String source, String namespace, String pod, String container, String node, String function) {

        /** Nothing said: everything from the path. */
        public static final Scope FROM_PATH = new Scope(null, null, null, null, null, null);

        public Scope {
            if (source != null && !source.equals(LogRecord.SOURCE_K8S) && !source.equals(LogRecord.SOURCE_LAMBDA)) {
                throw new IllegalArgumentException("unknown source '" + source + "'; use " + LogRecord.SOURCE_K8S
                        + " or " + LogRecord.SOURCE_LAMBDA);
            }
        }
    }

    /** {@link #read(Path, String, Scope, Consumer)} with everything taken from the path. */
    public static void read(Path file, String format, Consumer<LogRecord> sink) throws IOException {
        read(file, format, Scope.FROM_PATH, sink);
    }

    /**
     * Hands every record of {@code file} to {@code sink}, in file order.
     *
     * @throws IllegalArgumentException for an unknown format
     * @throws IOException when the file cannot be read, or a cloudwatch file is not a payload
     */
    public static void read(Path file, String format, Scope scope, Consumer<LogRecord> sink) throws IOException {
        String f = format.toLowerCase(Locale.ROOT);
        if (f.equals("cloudwatch")) {
            CloudWatchLogsPayload.parse(Files.readAllBytes(file), file.getFileName().toString()).forEach(sink);
            return;
        }
        LineDecoder decoder = LineDecoder.of(f);
        Path absolute = file.toAbsolutePath();
        PodLogPath pod = podOf(absolute);
        Consumer<LineDecoder.Decoded> toRecord = d -> sink.accept(record(scope, pod, d, absolute.toString()));
        try (InputStream in = Files.newInputStream(file);
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String physical;
            while ((physical = reader.readLine()) != null) {
                decoder.decode(physical).forEach(toRecord);
            }
        }
        decoder.finish().forEach(toRecord);
    }

    private static LogRecord record(Scope scope, PodLogPath path, LineDecoder.Decoded d, String file) {
        // No byte offset: the decoder reads characters; the file still says where the line came from.
        if (LogRecord.SOURCE_LAMBDA.equals(scope.source())) {
            String function = scope.function() != null ? scope.function() : path.pod();
            return new LogRecord(d.ts(), LogRecord.SOURCE_LAMBDA, CLUSTER, null, null, null, null, null,
                    "/aws/lambda/" + function, file, function, null, d.line(), file, null, null,
                    d.truncated() ? Boolean.TRUE : null);
        }
        return new LogRecord(d.ts(), LogRecord.SOURCE_K8S, CLUSTER, scope.node(),
                scope.namespace() != null ? scope.namespace() : path.namespace(),
                scope.pod() != null ? scope.pod() : path.pod(),
                scope.container() != null ? scope.container() : path.container(), d.stream(), null, null, null, null,
                d.line(), file, null, null, d.truncated() ? Boolean.TRUE : null);
    }

    /** The pod a kubelet path names; otherwise the file's name stands for a pod of namespace "-". */
    private static PodLogPath podOf(Path file) {
        Path podsRoot = file.getParent() == null || file.getParent().getParent() == null ? null
                : file.getParent().getParent().getParent();
        if (podsRoot != null) {
            var parsed = PodLogPath.parse(podsRoot, file);
            if (parsed.isPresent()) {
                return parsed.get();
            }
        }
        return new PodLogPath("-", file.getFileName().toString(), "-", null, 0);
    }
}
