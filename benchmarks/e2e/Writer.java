import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Appends CRI lines to pod-log files in the kubelet layout at a fixed rate, for the end-to-end
 * benchmark (benchmarks/e2e/pipeline.sh). Run as a single-file program: java Writer.java --help.
 *
 * Container 0 is kube-system/aws-node-bench/aws-node; it receives the failure lines: every
 * --failure-every-th line overall is the VPC CNI entrypoint's "Retrying waiting for IPAM-D" (a positive
 * fixture of patterns/catalog/vpc-cni/ipamd-not-ready), with the CRI timestamp taken just before it is
 * written, so a diagnosis's lastSeen tells when its line was written. The others are default/app-N
 * with lines of the corpus (blank and continuation lines left out, so the shipper's multi-line joiner
 * keeps one record per line). Every --tick-ms the writer appends what is due since the start, one
 * write() per file per tick. It writes its counts to --progress every 50 ms. With --start-after it
 * starts once that file exists (the probe creates it when its clock starts).
 */
public final class Writer {
    private static final DateTimeFormatter CRI_TS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final String FAILURE = "{\"level\":\"info\",\"ts\":\"%s\",\"caller\":\"entrypoint.sh\",\"msg\":\"Retrying waiting for IPAM-D\"}";

    public static void main(String[] args) throws Exception {
        Path root = null, corpus = null, progress = null, startAfter = null;
        int rate = 20_000, containers = 8, failureEvery = 1000, tickMs = 5, maxLen = 400;
        double seconds = 60;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--pods-root" -> root = Path.of(args[++i]);
                case "--rate" -> rate = Integer.parseInt(args[++i]);
                case "--containers" -> containers = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Double.parseDouble(args[++i]);
                case "--failure-every" -> failureEvery = Integer.parseInt(args[++i]);
                case "--corpus" -> corpus = Path.of(args[++i]);
                case "--progress" -> progress = Path.of(args[++i]);
                case "--tick-ms" -> tickMs = Integer.parseInt(args[++i]);
                case "--start-after" -> startAfter = Path.of(args[++i]);
                default -> {
                    System.err.println("usage: java Writer.java --pods-root DIR [--rate LINES_PER_S] [--containers N] [--seconds S]\n"
                            + "         [--failure-every N] [--corpus DIR] [--progress FILE] [--tick-ms MS] [--start-after FILE]");
                    System.exit(args[i].equals("--help") ? 0 : 2);
                }
            }
        }
        if (root == null || containers < 2) throw new IllegalArgumentException("--pods-root is required; --containers at least 2");
        byte[][] lines = corpus(corpus, maxLen);
        FileOutputStream[] out = new FileOutputStream[containers];
        StringBuilder[] buf = new StringBuilder[containers];
        for (int c = 0; c < containers; c++) {
            String dir = c == 0 ? "kube-system_aws-node-bench_00000000-0000-0000-0000-000000000000/aws-node"
                    : String.format("default_app-%d-bench_00000000-0000-0000-0000-%012d/app", c, c);
            Path d = root.resolve(dir);
            Files.createDirectories(d);
            out[c] = new FileOutputStream(d.resolve("0.log").toFile(), true);
            buf[c] = new StringBuilder(1 << 16);
        }
        while (startAfter != null && !Files.exists(startAfter)) Thread.sleep(20);
        long start = System.nanoTime(), lastProgress = 0;
        long written = 0, failures = 0, maxBehind = 0;
        int next = 0, rr = 1;
        long end = start + (long) (seconds * 1e9);
        while (true) {
            long now = System.nanoTime();
            if (now >= end) break;
            long due = (long) ((now - start) / 1e9 * rate);
            maxBehind = Math.max(maxBehind, due - written);
            if (due > written) {
                String ts = CRI_TS.format(Instant.now());
                for (long n = written; n < due; n++) {
                    if ((n + 1) % failureEvery == 0) {
                        // one write per failure line, timestamped as it is written
                        flush(out, buf);
                        String fts = CRI_TS.format(Instant.now());
                        out[0].write((fts + " stdout F " + String.format(FAILURE, fts.substring(0, 23) + "Z") + "\n").getBytes(StandardCharsets.UTF_8));
                        failures++;
                    } else {
                        int c = rr;
                        rr = rr + 1 == containers ? 1 : rr + 1;
                        buf[c].append(ts).append(" stdout F ").append(new String(lines[next], StandardCharsets.UTF_8)).append('\n');
                        next = next + 1 == lines.length ? 0 : next + 1;
                    }
                }
                flush(out, buf);
                written = due;
            }
            if (progress != null && now - lastProgress >= 50_000_000L) {
                progress(progress, written, failures);
                lastProgress = now;
            }
            long sleep = tickMs * 1_000_000L - (System.nanoTime() - now);
            if (sleep > 0) Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
        }
        double took = (System.nanoTime() - start) / 1e9;
        if (progress != null) progress(progress, written, failures);
        for (FileOutputStream o : out) o.close();
        System.out.printf("writer: %d lines (%d failure lines) in %.1f s = %.0f lines/s; most lines due and unwritten at once: %d%n",
                written, failures, took, written / took, maxBehind);
    }

    private static void flush(FileOutputStream[] out, StringBuilder[] buf) throws IOException {
        for (int c = 0; c < out.length; c++) {
            if (buf[c].length() > 0) {
                out[c].write(buf[c].toString().getBytes(StandardCharsets.UTF_8));
                buf[c].setLength(0);
            }
        }
    }

    /** Non-blank, non-continuation lines of the corpus's .log and .txt files, cut at maxLen; synthetic ones without a corpus. */
    private static byte[][] corpus(Path dir, int maxLen) throws IOException {
        List<byte[]> lines = new ArrayList<>();
        if (dir != null && Files.isDirectory(dir)) {
            List<Path> files;
            try (Stream<Path> s = Files.walk(dir)) {
                files = s.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".log") || p.toString().endsWith(".txt")).sorted().toList();
            }
            for (Path f : files) {
                for (String l : new String(Files.readAllBytes(f), StandardCharsets.UTF_8).split("\n")) {
                    l = l.replace("\r", "");
                    if (l.isBlank() || Character.isWhitespace(l.charAt(0)) || l.startsWith("Caused by:") || l.matches("\\.\\.\\. \\d+ .*")) continue;
                    if (l.length() > maxLen) l = l.substring(0, maxLen);
                    lines.add(l.getBytes(StandardCharsets.UTF_8));
                }
            }
        }
        if (lines.isEmpty()) {
            for (int i = 0; i < 1000; i++) {
                lines.add(String.format("level=info msg=\"request served\" path=/api/v1/items/%d status=200 duration_ms=%d", i, i % 97).getBytes(StandardCharsets.UTF_8));
            }
        }
        System.err.println("writer: " + lines.size() + " distinct lines" + (dir != null ? " from " + dir : " (synthetic)"));
        return lines.toArray(new byte[0][]);
    }

    /** Written beside and renamed over the file, so the probe never reads it half-written (it read 0 or a cut count). */
    private static void progress(Path file, long written, long failures) throws IOException {
        Path next = file.resolveSibling(file.getFileName() + ".next");
        Files.writeString(next, written + " " + failures + "\n");
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
