package io.logdoctor.streams;

import io.logdoctor.patterns.SignatureCatalog;
import io.logdoctor.records.Diagnosis;
import io.logdoctor.records.LogRecord;
import io.logdoctor.records.Timestamps;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a catalogue would have diagnosed over past records, for {@code signatures backtest}: the
 * {@link OfflineDiagnoser} (the app's fire rules, windows, refinement and scopes, on the records' own
 * time) with every diagnosis it emits folded into one report per diagnosis id (signature and scope).
 * Not thread-safe.
 */
public final class Backtest {

    /** Evidence lines kept per scope. */
    static final int EVIDENCE = 3;

    /**
     * One signature in one scope: how many times it started firing, the matches over all those episodes,
     * first and last seen, the first evidence, and the more specific signature that refined it, if any.
     */
    public record ScopeReport(String signature, Diagnosis.Scope scope, int firings, long count, String firstSeen,
                              String lastSeen, List<Diagnosis.Evidence> evidence, String refinedBy) {
    }

    private static final class Fold {
        Diagnosis.Scope scope;
        String signature;
        int firings;
        long done;
        long episode;
        boolean firing;
        String first;
        String last;
        List<Diagnosis.Evidence> evidence = List.of();
        String refinedBy;
    }

    private final OfflineDiagnoser diagnoser;
    private final Map<String, Fold> folds = new LinkedHashMap<>();
    private long records;
    private long lastTime = Long.MIN_VALUE;

    public Backtest(SignatureCatalog catalog) {
        this.diagnoser = new OfflineDiagnoser(catalog);
    }

    /** Feeds one past record. */
    public void accept(LogRecord record) {
        records++;
        Long t = Timestamps.millis(record.ts());
        if (t != null) {
            lastTime = Math.max(lastTime, t);
        }
        diagnoser.accept(record).forEach(this::fold);
    }

    /** How many records were fed. */
    public long records() {
        return records;
    }

    /**
     * Ends the backtest: log time runs past every quiet period so each episode's final count is known,
     * then the reports, the most matches first.
     */
    public List<ScopeReport> finish() {
        if (lastTime != Long.MIN_VALUE) {
            diagnoser.advanceTo(lastTime + 366L * 24 * 3600 * 1000).forEach(this::fold);
        }
        List<ScopeReport> out = new ArrayList<>();
        for (Fold f : folds.values()) {
            out.add(new ScopeReport(f.signature, f.scope, f.firings, f.done + f.episode, f.first, f.last, f.evidence,
                    f.refinedBy));
        }
        out.sort(Comparator.comparingLong(ScopeReport::count).reversed().thenComparing(r -> r.scope().key()));
        return out;
    }

    private void fold(Diagnosis d) {
        Fold f = folds.computeIfAbsent(d.id(), k -> new Fold());
        f.scope = d.scope();
        f.signature = d.signature();
        if (Diagnosis.FIRING.equals(d.status()) && !f.firing) {
            f.firings++;
            f.firing = true;
        }
        f.episode = Math.max(f.episode, d.count());
        if (Diagnosis.RESOLVED.equals(d.status())) {
            f.done += f.episode;
            f.episode = 0;
            f.firing = false;
        }
        f.first = earlier(f.first, d.firstSeen(), true);
        f.last = earlier(f.last, d.lastSeen(), false);
        if (f.evidence.isEmpty() && d.evidence() != null) {
            f.evidence = d.evidence().subList(0, Math.min(EVIDENCE, d.evidence().size()));
        }
        if (d.refinedBy() != null) {
            f.refinedBy = d.refinedBy();
        }
    }

    /** The earlier (or later) of two RFC 3339 times; an unreadable one loses. */
    private static String earlier(String a, String b, boolean earliest) {
        Long ta = a == null ? null : Timestamps.millis(a);
        Long tb = b == null ? null : Timestamps.millis(b);
        if (ta == null) {
            return tb == null ? a : b;
        }
        if (tb == null) {
            return a;
        }
        return (earliest ? tb < ta : tb > ta) ? b : a;
    }
}
