package io.logdoctor.shipper;

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
 * {@code raw}, {@code cri} and {@code docker} files line by line (pod metadata from a kubelet path
 * {@code <ns>_<pod>_<uid>/<container>/<n>.log}, else the file name stands for the pod), and
 * {@code cloudwatch} files as one CloudWatch Logs subscription payload.
 */
public final class LogFileReader {

    /** The cluster name offline records carry. */
    public static final String CLUSTER = "offline";

    private LogFileReader() {
    }

    /** The formats {@link #read} takes. */
    public static final List<String> FORMATS = List.of("raw", "cri", "docker", "cloudwatch");

    /**
     * Hands every record of {@code file} to {@code sink}, in file order.
     *
     * @throws IllegalArgumentException for an unknown format
     * @throws IOException when the file cannot be read, or a cloudwatch file is not a payload
     */
    public static void read(Path file, String format, Consumer<LogRecord> sink) throws IOException {
        String f = format.toLowerCase(Locale.ROOT);
        if (f.equals("cloudwatch")) {
            CloudWatchLogsPayload.parse(Files.readAllBytes(file), file.getFileName().toString()).forEach(sink);
            return;
        }
        LineDecoder decoder = LineDecoder.of(f);
        Path absolute = file.toAbsolutePath();
        PodLogPath pod = podOf(absolute);
        try (InputStream in = Files.newInputStream(file);
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String physical;
            while ((physical = reader.readLine()) != null) {
                for (LineDecoder.Decoded d : decoder.decode(physical)) {
                    // No byte offset: the decoder reads characters; the file still says where the line came from.
                    sink.accept(new LogRecord(d.ts(), LogRecord.SOURCE_K8S, CLUSTER, null, pod.namespace(), pod.pod(),
                            pod.container(), d.stream(), null, null, null, null, d.line(), absolute.toString(), null, null, null));
                }
            }
        }
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
