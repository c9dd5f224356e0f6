import io.logdoctor.records.Redactor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What redacting one long line costs: the 80k-character line that took the old rules 21 s (issue
 * 10), and 1 MiB lines (the shipper's cut) of several shapes, ordinary and hostile. Prints the median
 * and the slowest of the timed runs, after warm-up, and whether the work allowance tripped. Run by
 * run.sh; a plain main, not JMH, so it needs nothing beyond the records module.
 */
public class RedactionBench {

    private static final int MIB = 1 << 20;

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        Map<String, String> lines = new LinkedHashMap<>();
        lines.put("80k of 'a.' (old rules: 64 s)", "a.".repeat(40_000));
        lines.put("80k letters", "a".repeat(80_000));
        lines.put("80k scheme run then ://", "a".repeat(80_000) + "://x");
        lines.put("80k JSON log with 3 secrets", json(80_000));
        lines.put("1 MiB letters", "a".repeat(MIB));
        lines.put("1 MiB of 'a.'", "a.".repeat(MIB / 2));
        lines.put("1 MiB JSON log with secrets", json(MIB));
        lines.put("1 MiB base64", "QmFzZTY0IGlz".repeat(MIB / 12));
        lines.put("1 MiB password=password=...", "password=".repeat(MIB / 9));
        lines.put("1 MiB of 'a://b:'", "a://b:".repeat(MIB / 6));
        lines.put("1 MiB of 'mysql '", "mysql ".repeat(MIB / 6) + "-p");
        // warm up every rule on every shape before timing any, so the first rows do not pay for the JIT
        for (int i = 0; i < 5; i++) {
            lines.values().forEach(Redactor::redact);
        }
        System.out.printf("%-40s %10s %10s %8s%n", "line", "median ms", "max ms", "tripped");
        for (Map.Entry<String, String> e : lines.entrySet()) {
            String line = e.getValue();
            long trips = Redactor.overBudget();
            List<Long> nanos = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                long t0 = System.nanoTime();
                Redactor.redact(line);
                nanos.add(System.nanoTime() - t0);
            }
            Collections.sort(nanos);
            System.out.printf("%-40s %10.2f %10.2f %8s%n", e.getKey(), nanos.get(nanos.size() / 2) / 1e6,
                    nanos.get(nanos.size() - 1) / 1e6, Redactor.overBudget() > trips ? "yes" : "no");
        }
    }

    /** A JSON log line of about {@code size} chars: a long message with a password, a token and a URL with credentials in it. */
    private static String json(int size) {
        StringBuilder msg = new StringBuilder("{\"level\":\"error\",\"ts\":\"2024-05-01T10:00:00Z\",\"msg\":\"");
        String words = "upstream request failed after retries; trace 4bf92f3577b34da6a3ce929d0e0e4736 pod checkout-7d9f8b6c5d-x2k4q ";
        while (msg.length() < size - 300) {
            msg.append(words);
        }
        return msg.append("\",\"password\":\"hunter2\",\"token\":\"ghp_16C7e42F292c6912E7710c838347Ae178B4a\",")
                .append("\"url\":\"postgres://app:s3cr3t@10.0.1.20:5432/orders\"}").toString();
    }
}
