package io.logdoctor.shipper.journal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Writes real journal files with Debian's {@code systemd-journal-remote} from the journal export format
 * (systemd.io/JOURNAL_EXPORT_FORMATS): each run appends its entries to the same {@code .journal} file, which
 * {@code journalctl --directory} then reads as it reads a node's journal.
 */
final class JournalWriter {

    static final Path REMOTE = Path.of("/lib/systemd/systemd-journal-remote");
    private static final String BOOT_ID = "0123456789abcdef0123456789abcdef";

    private final Path file;
    private long seq;

    /** A writer of {@code dir/node.journal}. */
    JournalWriter(Path dir) {
        this.file = dir.resolve("node.journal");
    }

    /** Why journal files cannot be written or read here, or null if they can (for assumeTrue). */
    static String unavailable() {
        if (!Files.isExecutable(REMOTE)) {
            return REMOTE + " is missing (Debian package systemd-journal-remote; .ci/run installs it)";
        }
        try {
            JournalSource.resolve("journalctl", System.getenv("PATH"));
        } catch (IllegalArgumentException e) {
            return "journalctl is missing (Debian package systemd; .ci/run installs it)";
        }
        return null;
    }

    /** Appends {@code entries}, timed {@code firstMicros}, +1 µs each, in one systemd-journal-remote run. */
    void append(List<JournalFixtures.Entry> entries, long firstMicros) throws IOException, InterruptedException {
        ByteArrayOutputStream export = new ByteArrayOutputStream();
        long micros = firstMicros;
        for (JournalFixtures.Entry e : entries) {
            seq++;
            field(export, "__REALTIME_TIMESTAMP", Long.toString(micros++).getBytes(StandardCharsets.UTF_8));
            field(export, "__MONOTONIC_TIMESTAMP", Long.toString(seq).getBytes(StandardCharsets.UTF_8));
            field(export, "_BOOT_ID", BOOT_ID.getBytes(StandardCharsets.UTF_8));
            field(export, "_HOSTNAME", "node-1".getBytes(StandardCharsets.UTF_8));
            if (e.unit().equals(JournalConfig.KERNEL)) {
                field(export, "_TRANSPORT", "kernel".getBytes(StandardCharsets.UTF_8));
            } else {
                field(export, "_TRANSPORT", "stdout".getBytes(StandardCharsets.UTF_8));
                field(export, "_SYSTEMD_UNIT", (e.unit() + ".service").getBytes(StandardCharsets.UTF_8));
            }
            field(export, "PRIORITY", Integer.toString(e.priority()).getBytes(StandardCharsets.UTF_8));
            field(export, "SYSLOG_IDENTIFIER", e.identifier().getBytes(StandardCharsets.UTF_8));
            field(export, "MESSAGE", e.message());
            export.write('\n');
        }
        Path input = Files.createTempFile(file.getParent(), "entries-", ".export");
        try {
            Files.write(input, export.toByteArray());
            Process p = new ProcessBuilder(REMOTE.toString(), "--output=" + file, input.toString())
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("systemd-journal-remote failed: " + out);
            }
        } finally {
            Files.deleteIfExists(input);
        }
    }

    /** A field in the export format: {@code NAME=value}, or the binary form (64-bit little-endian length) when it is not printable ASCII. */
    private static void field(ByteArrayOutputStream out, String name, byte[] value) {
        boolean plain = true;
        for (byte b : value) {
            plain &= b >= 0x20 && b < 0x7f || b == '\t';
        }
        out.writeBytes(name.getBytes(StandardCharsets.UTF_8));
        if (plain) {
            out.write('=');
        } else {
            out.write('\n');
            out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value.length).array());
        }
        out.writeBytes(value);
        out.write('\n');
    }
}
