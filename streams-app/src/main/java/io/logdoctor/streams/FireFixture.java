package io.logdoctor.streams;

import io.logdoctor.patterns.FixtureLines;
import io.logdoctor.records.LogRecord;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One parsed {@code <name>.fire.log}: timestamped log lines and, between them, what the signature's
 * diagnosis must have done by then (promtool's rule tests, for log lines):
 * <pre>
 * # a comment
 * #@ source=k8s namespace=kube-system pod=aws-node-abcde container=aws-node   (metadata of the lines below)
 * 2024-05-01T10:00:00Z &lt;raw log line as the component prints it&gt;
 * #&gt; quiet                          (the signature is not firing, and nothing fired since the last expectation)
 * 2024-05-01T10:00:04Z &lt;raw log line&gt;
 * #&gt; firing                         (it fired on exactly the line above)
 * #&gt; resolved 2024-05-01T10:30:00Z  (moving the clock to this time resolves it)
 * </pre>
 * Parsing never stops at the first bad line: each one becomes a problem naming file and line.
 */
record FireFixture(String file, List<Step> steps, List<String> problems) {

    static final String SUFFIX = ".fire.log";
    static final String CONTEXT = "#@";
    static final String EXPECT = "#>";
    private static final Set<String> CONTEXT_KEYS = Set.of("source", "cluster", "node", "namespace", "pod", "container",
            "logGroup", "logStream", "function");

    /** A line of the fixture that the engine acts on. */
    sealed interface Step permits Line, Expect {
        int lineNo();
    }

    /** A log line, as a record of {@code logs.raw} with the context above it. */
    record Line(int lineNo, LogRecord record) implements Step {
    }

    /** An expectation; {@code at} is set for {@link Kind#RESOLVED} only. */
    record Expect(int lineNo, Kind kind, Instant at) implements Step {
    }

    enum Kind { QUIET, FIRING, RESOLVED }

    static FireFixture parse(String file, List<String> lines) {
        List<Step> steps = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Map<String, String> context = Map.of();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int no = i + 1;
            String where = file + ":" + no;
            if (line.startsWith(CONTEXT)) {
                context = context(line.substring(CONTEXT.length()), where, problems);
            } else if (line.startsWith(EXPECT)) {
                Expect expect = expectation(line.substring(EXPECT.length()).strip(), no, where, problems);
                if (expect != null) {
                    steps.add(expect);
                }
            } else if (FixtureLines.isLogLine(line)) {
                Line parsed = logLine(line, no, file, context, where, problems);
                if (parsed != null) {
                    steps.add(parsed);
                }
            }
        }
        return new FireFixture(file, List.copyOf(steps), List.copyOf(problems));
    }

    private static Expect expectation(String text, int no, String where, List<String> problems) {
        String[] words = text.split("\\s+");
        if (words.length == 1 && words[0].equals("quiet")) {
            return new Expect(no, Kind.QUIET, null);
        }
        if (words.length == 1 && words[0].equals("firing")) {
            return new Expect(no, Kind.FIRING, null);
        }
        if (words.length == 2 && words[0].equals("resolved")) {
            Instant at = time(words[1]);
            if (at != null) {
                return new Expect(no, Kind.RESOLVED, at);
            }
        }
        problems.add(where + ": an expectation is '#> quiet', '#> firing' or '#> resolved <RFC 3339 time>'; was '#> " + text + "'");
        return null;
    }

    private static Line logLine(String line, int no, String file, Map<String, String> c, String where, List<String> problems) {
        int space = line.indexOf(' ');
        String ts = space < 0 ? line : line.substring(0, space);
        if (space < 0 || time(ts) == null) {
            problems.add(where + ": a log line is '<RFC 3339 time> <line as the component prints it>'; was '"
                    + (line.length() > 80 ? line.substring(0, 80) + "…" : line) + "'");
            return null;
        }
        String text = line.substring(space + 1);
        LogRecord record = new LogRecord(ts, c.get("source"), c.get("cluster"), c.get("node"), c.get("namespace"), c.get("pod"),
                c.get("container"), null, c.get("logGroup"), c.get("logStream"), c.get("function"), null, text, file,
                (long) no, null, null);
        return new Line(no, record);
    }

    /** Reads the {@code key=value} pairs of a context line; {@code #@} alone clears the context. */
    private static Map<String, String> context(String pairs, String where, List<String> problems) {
        Map<String, String> values = new HashMap<>();
        for (String pair : pairs.strip().split("\\s+")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0 || !CONTEXT_KEYS.contains(pair.substring(0, eq))) {
                problems.add(where + ": a context line takes " + String.join("=, ", CONTEXT_KEYS.stream().sorted().toList())
                        + "=; was '" + pair + "'");
                continue;
            }
            values.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return Map.copyOf(values);
    }

    private static Instant time(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
