package io.logdoctor.records;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Removes secrets from a log line before it leaves a service, as evidence in a diagnosis, in a
 * Slack or PagerDuty body, or in a service's own log: credentials in URLs, provider tokens (AWS,
 * GitHub, GitLab, Slack, Stripe, Google, npm, Azure, SendGrid), JWTs, private keys, Authorization
 * headers, and values named like secrets ({@code password=}, {@code --token x}, {@code X-Api-Key:},
 * {@code DB_SECRET=}). Each becomes {@link #MASK}, keeping the name of what was there.
 *
 * <p>The work is bounded: each rule runs only when its literals appear in the line, and all the
 * regex work on a line is metered against an allowance proportional to its length. A line that
 * spends it (a hostile one) is masked whole: redaction may hide too much, never too little.
 */
public final class Redactor {

    /** What a secret is replaced with. */
    public static final String MASK = "[REDACTED]";
    /**
     * Character reads allowed per character of the line, and on top. The rules take at most about 70 per
     * character on the hostile lines of RedactorTest, so this trips only on a rule gone wrong.
     */
    static final long READS_PER_CHAR = 400;
    static final long READS_BASE = 100_000;
    /** How far past an excerpt's cut {@link #excerpt} redacts: longer than any value a rule takes, the multi-word ones included. */
    static final int EXCERPT_MARGIN = 4096;

    private static final Logger log = LoggerFactory.getLogger(Redactor.class);
    private static final LongAdder OVER_BUDGET = new LongAdder();
    private static final AtomicLong lastLogged = new AtomicLong(System.nanoTime() - 120_000_000_000L);

    private Redactor() {
    }

    /** The line with every secret the rules know replaced; null stays null. */
    public static String redact(String line) {
        if (line == null || line.isEmpty()) {
            return line;
        }
        return redact(line, SecretRules.ALL, allowance(line));
    }

    /** The allowance of work for redacting {@code line}. */
    static MeteredText.Allowance allowance(String line) {
        return new MeteredText.Allowance(READS_BASE + READS_PER_CHAR * line.length());
    }

    /** {@code line} through {@code rules} within {@code allowance}; the whole line masked if it is spent. */
    static String redact(String line, List<SecretRule> rules, MeteredText.Allowance allowance) {
        String out = line;
        String lower = lowerAscii(out);
        try {
            for (SecretRule rule : rules) {
                int from = rule.start(lower);
                if (from < 0) {
                    continue;
                }
                String next = rule.apply(out, from, allowance);
                if (next != out) {
                    out = next;
                    lower = lowerAscii(out);
                }
            }
        } catch (MeteredText.Spent e) {
            return overBudget(line);
        }
        return out;
    }

    /**
     * The first {@code chars} characters of {@code line} with its secrets redacted, and "…" if it was
     * cut. Only a window well past the cut is redacted: a secret that straddles the cut is still seen
     * whole (no rule matches more than a few thousand characters but a private key, which a cut-off
     * window masks to its end), and a 1 MiB line costs no more than a short one.
     */
    public static String excerpt(String line, int chars) {
        if (line == null) {
            return null;
        }
        boolean windowed = line.length() > chars + EXCERPT_MARGIN;
        String redacted = redact(windowed ? line.substring(0, chars + EXCERPT_MARGIN) : line);
        return windowed || redacted.length() > chars ? redacted.substring(0, Math.min(chars, redacted.length())) + "…" : redacted;
    }

    /** How many lines were masked whole because redacting them took too much work, since start. */
    public static long overBudget() {
        return OVER_BUDGET.sum();
    }

    private static String overBudget(String line) {
        OVER_BUDGET.increment();
        long now = System.nanoTime();
        long last = lastLogged.get();
        // at most one line a minute: a flood of hostile lines must not flood the log
        if (now - last > 60_000_000_000L && lastLogged.compareAndSet(last, now)) {
            log.warn("redaction ran out of its work allowance on a line of {} chars; the whole line is masked ({} so far)",
                    line.length(), OVER_BUDGET.sum());
        }
        return "[REDACTED: whole line of " + line.length() + " chars, too costly to redact]";
    }

    /** Lower case for ASCII letters only, so every index matches the original's. */
    static String lowerAscii(String s) {
        char[] c = s.toCharArray();
        for (int i = 0; i < c.length; i++) {
            if (c[i] >= 'A' && c[i] <= 'Z') {
                c[i] += 'a' - 'A';
            }
        }
        return new String(c);
    }
}
