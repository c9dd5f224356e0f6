package io.logdoctor.patterns;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the signatures a line matches. Thread-safe: compiled patterns are shared, matchers are not.
 * Each signature is reported at most once per line, through the first of its patterns that matches.
 *
 * <p>Most lines match nothing, so that is the case made cheap: one scan of the line for every
 * pattern's required literals at once ({@link LiteralPrefilter}) picks the few patterns that could
 * match, and only those run their regular expression, each within a work budget
 * ({@link RegexBudget}) so a hostile line cannot stall the thread. A pattern that runs out of budget
 * counts as not matching that line, and the trip is counted and logged; a signature that trips on more
 * than a small share of its lines is disabled ({@link RunawayGuard}).
 */
public final class SignatureMatcher {

    /** One pattern of one signature, numbered in catalogue order. */
    private record Entry(int signatureIndex, Signature signature, String name, Pattern pattern) {
    }

    private final Entry[] entries;
    private final LiteralPrefilter prefilter;
    private final RegexBudget budget;
    private final BudgetTrips trips;
    private final RunawayGuard guard;

    SignatureMatcher(List<Signature> signatures) {
        this(signatures, RegexBudget.DEFAULT, BudgetTrips.everyMinute());
    }

    SignatureMatcher(List<Signature> signatures, RegexBudget budget, BudgetTrips trips) {
        this(signatures, budget, trips, RunawayGuard.Limits.DEFAULT);
    }

    SignatureMatcher(List<Signature> signatures, RegexBudget budget, BudgetTrips trips, RunawayGuard.Limits limits) {
        this.budget = budget;
        this.trips = trips;
        List<Entry> all = new ArrayList<>();
        for (int s = 0; s < signatures.size(); s++) {
            Signature signature = signatures.get(s);
            for (Map.Entry<String, Pattern> p : signature.compiled().entrySet()) {
                all.add(new Entry(s, signature, p.getKey(), p.getValue()));
            }
        }
        this.entries = all.toArray(Entry[]::new);
        this.guard = new RunawayGuard(signatures.toArray(Signature[]::new), limits);
        this.prefilter = new LiteralPrefilter(all.stream().map(Entry::pattern).toList());
    }

    /** The matches of {@code line}, in catalogue order; empty for the common case of no failure. */
    public List<Match> match(CharSequence line, LineContext context) {
        LiteralPrefilter.Candidates candidates = prefilter.scan(line);
        List<Match> matches = null;
        BudgetedLine budgeted = null;
        int matched = -1;
        int scoped = -1;
        boolean admitted = false;
        for (int p = candidates.next(0); p >= 0; p = candidates.next(p + 1)) {
            Entry entry = entries[p];
            if (entry.signatureIndex == matched) {
                continue; // an earlier pattern of this signature matched already
            }
            if (entry.signatureIndex != scoped) {
                scoped = entry.signatureIndex;
                admitted = entry.signature.scope().admits(context) && !guard.isDisabled(entry.signatureIndex);
            }
            if (!admitted) {
                continue;
            }
            if (budgeted == null) {
                budgeted = new BudgetedLine(line);
            }
            Matcher found = finds(entry, budgeted, candidates.from(p));
            if (found != null) {
                if (matches == null) {
                    matches = new ArrayList<>(2);
                }
                matches.add(new Match(entry.signature, entry.name, about(entry, found, budgeted)));
                matched = entry.signatureIndex;
            }
        }
        return matches == null ? List.of() : matches;
    }

    /** What the matched line is about (null: whoever printed it), within the same work budget as a pattern. */
    private Map<String, String> about(Entry entry, Matcher found, BudgetedLine line) {
        if (entry.signature.about().isEmpty()) {
            return null;
        }
        try {
            return entry.signature.about().resolve(entry.name, found, line.allow(budget.readsFor(line)));
        } catch (BudgetedLine.Exhausted | StackOverflowError e) {
            trips.record(entry.signature, "about.from", line.line());
            return null;
        }
    }

    /** The matcher after a hit, its groups read only by a signature with {@code about:}; null for no match. */
    private Matcher finds(Entry entry, BudgetedLine line, int from) {
        Matcher matcher = entry.pattern.matcher(line.allow(budget.readsFor(line)));
        try {
            boolean found = matcher.find(from);
            guard.tried(entry.signatureIndex, entry.name, false);
            return found ? matcher : null;
        } catch (BudgetedLine.Exhausted | StackOverflowError e) {
            // StackOverflowError: java.util.regex recurses per repetition of some groups; a very long line can overflow it
            trips.record(entry.signature, entry.name, line.line());
            guard.tried(entry.signatureIndex, entry.name, true);
            return null;
        }
    }

    /**
     * Whether any line inside the JSON text {@code json} (a logs.raw record as it sits on the topic) could
     * match: false lets a reader skip decoding a record, which is most of the work of reading logs.raw.
     * True for null, and for every record when a pattern has no required literal.
     */
    public boolean mayMatchInJson(byte[] json) {
        return prefilter.mayMatchInJson(json);
    }

    /**
     * False only if no pattern can match the text whose UTF-8 is {@code text[from, to)}: the same answer
     * {@link #match} gives as "no candidate", for any text (UTF-8 cannot hold a lone surrogate). Lets a
     * reader of raw bytes skip making a String of a line that cannot match.
     */
    public boolean mayMatchUtf8(byte[] text, int from, int to) {
        return prefilter.mayMatchUtf8(text, from, to);
    }

    /**
     * False only if no pattern can match the text of the JSON string whose content (between the quotes)
     * is {@code json[from, to)}; true for a content with a {@code \}{@code u} or {@code \/} escape (see
     * {@link JsonLiteralFilter}).
     */
    public boolean mayMatchInJson(byte[] json, int from, int to) {
        return prefilter.mayMatchInJson(json, from, to);
    }

    /**
     * False only if no line inside {@code json} can match a signature, nor look like an error
     * ({@link io.logdoctor.patterns.mining.ErrorLines#test}), every string of the record searched: the
     * streams app's raw test before {@link #lineMayMatchOrBeError}, kept as the baseline JMH measures it against.
     */
    public boolean mayMatchOrBeErrorInJson(byte[] json) {
        return prefilter.mayMatchOrBeErrorInJson(json);
    }

    /**
     * False only if {@code record} (a logs.raw value's bytes) is a JSON object whose top-level {@code line}
     * string ({@link JsonLineField}) can neither match a signature nor look like an error; true for null and
     * for anything the walk is not sure of, which the caller then decodes. Its metadata is not searched.
     */
    public boolean lineMayMatchOrBeError(byte[] record) {
        long line = record == null ? JsonLineField.NONE : JsonLineField.find(record);
        return line == JsonLineField.NONE || prefilter.mayMatchOrBeErrorInJson(record, (int) (line >>> 32), (int) line);
    }

    /** The signatures disabled because their regex kept running out of budget, by id, with why; empty normally. */
    public Map<String, String> disabled() {
        return guard.disabled();
    }

    /** How many times a pattern ran out of its regex work budget on a line, since this matcher was made. */
    public long budgetTrips() {
        return trips.count();
    }
}
