package io.logdoctor.shipper;

import io.logdoctor.records.LogRecord;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a journal entry into a {@code logs.raw} record: source {@code journald}, the node's cluster and
 * name, {@code ts} from {@code __REALTIME_TIMESTAMP}, the MESSAGE as the line, and the attributes
 * {@code unit}, {@code priority} and {@code identifier}. Where a kubelet line names the pod it is about,
 * the record carries that pod's namespace, name and container, so its diagnosis is about the pod and
 * joins what the pod's own log says; a line that names none (the kernel, containerd) is about the node.
 */
final class JournalRecords {

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
        String[] about = about(line);
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

    /** {namespace, pod, container} of the pod a kubelet line is about; nulls when it names none. */
    static String[] about(String line) {
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
