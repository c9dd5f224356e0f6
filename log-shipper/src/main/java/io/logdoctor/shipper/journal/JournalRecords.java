package io.logdoctor.shipper.journal;

import io.logdoctor.shipper.decode.KlogPodRef;

import io.logdoctor.records.LogRecord;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a journal entry into a {@code logs.raw} record: source {@code journald}, the node's cluster and
 * name, {@code ts} from {@code __REALTIME_TIMESTAMP}, the MESSAGE as the line, and the attributes
 * {@code unit}, {@code priority} and {@code identifier}. Where a kubelet line names the pod it is about,
 * the record carries that pod's namespace, name and container, so its diagnosis is about the pod and
 * joins what the pod's own log says; a line that names none (the kernel, containerd) is about the node.
 */
final class JournalRecords {


    private JournalRecords() {
    }

    /**
     * The record of {@code entry} read on {@code node}; a MESSAGE longer than {@code maxLineBytes} (UTF-8) is cut
     * at a character boundary and marked {@code truncated}.
     */
    static LogRecord record(JournalEntry entry, String cluster, String node, int maxLineBytes) {
        String line = entry.message() == null ? "" : entry.message();
        boolean truncated = false;
        byte[] utf8 = line.getBytes(StandardCharsets.UTF_8);
        if (utf8.length > maxLineBytes) {
            line = cut(line, maxLineBytes);
            truncated = true;
        }
        Map<String, String> attributes = new TreeMap<>();
        attributes.put("unit", unit(entry));
        attributes.put("priority", entry.priority());
        attributes.put("identifier", entry.identifier());
        String[] about = KlogPodRef.about(line);
        return new LogRecord(ts(entry.realtimeUs()), LogRecord.SOURCE_JOURNALD, cluster, node, about[0], about[1], about[2],
                null, null, null, null, null, line, null, null, "journal:" + entry.cursor(), truncated ? Boolean.TRUE : null,
                null, attributes);
    }

    /** The unit without {@code .service} ({@code kubelet}), {@code kernel} for the kernel log, else the identifier. */
    static String unit(JournalEntry entry) {
        if ("kernel".equals(entry.transport())) {
            return "kernel";
        }
        String unit = entry.unit();
        if (unit != null && !unit.isEmpty()) {
            return unit.endsWith(".service") ? unit.substring(0, unit.length() - ".service".length()) : unit;
        }
        return entry.identifier() != null ? entry.identifier() : "unknown";
    }

    /** RFC 3339 in UTC from microseconds since the epoch. */
    static String ts(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L).toString();
    }

    /** The longest prefix of {@code line} whose UTF-8 form fits in {@code maxBytes}, never splitting a character. */
    private static String cut(String line, int maxBytes) {
        int bytes = 0;
        int i = 0;
        while (i < line.length()) {
            int cp = line.codePointAt(i);
            int size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + size > maxBytes) {
                break;
            }
            bytes += size;
            i += Character.charCount(cp);
        }
        return line.substring(0, i);
    }
}
