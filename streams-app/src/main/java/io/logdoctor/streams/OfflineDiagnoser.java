package io.logdoctor.streams;

import io.logdoctor.patterns.SignatureCatalog;
import io.logdoctor.records.Diagnosis;
import io.logdoctor.records.Timestamps;
import io.logdoctor.records.LogRecord;
import org.apache.kafka.streams.KeyValue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The streams app's diagnosis rules over records read from files, for {@code logdoctor diagnose}:
 * the same matcher and {@link DiagnosisEngine}, with the lines' own time standing in for the wall
 * clock, so a replayed log fires and resolves as it would have live. Not thread-safe.
 */
public final class OfflineDiagnoser {

    private final LineMatcher matcher;
    private final DiagnosisEngine engine;
    private long clock;
    private long lastTick = Long.MIN_VALUE / 2; // halved: "clock - lastTick" must not overflow

    /** A diagnoser over the given catalogue, with empty state. */
    public OfflineDiagnoser(SignatureCatalog catalog) {
        this.matcher = new LineMatcher(() -> catalog, new AppMetrics());
        this.engine = new DiagnosisEngine(() -> catalog, DiagnosisEngine.Store.of(new LinkedHashMap<>()),
                DiagnosisTopology.REPEAT_INTERVAL);
    }

    /**
     * Feeds one record and returns the diagnoses it causes, in order: first those that its time
     * resolves, then those it fires. A record without a readable time counts as the latest time seen.
     */
    public List<Diagnosis> accept(LogRecord record) {
        Long time = Timestamps.millis(record.ts());
        clock = time != null ? Math.max(clock, time) : clock;
        List<Diagnosis> out = new ArrayList<>(advance());
        for (KeyValue<String, MatchEvent> match : matcher.matches(record)) {
            out.addAll(engine.onMatch(match.value.at(clock), clock));
        }
        return out;
    }

    /**
     * Moves the clock to {@code epochMillis} with no record, as the app's wall clock moves while a stream
     * is silent, and returns the diagnoses that this resolves. A time before the clock changes nothing.
     */
    public List<Diagnosis> advanceTo(long epochMillis) {
        clock = Math.max(clock, epochMillis);
        return advance();
    }

    /** Quiet periods are checked once per second of log time, as the app's punctuation does on the wall clock. */
    private List<Diagnosis> advance() {
        if (clock - lastTick < DiagnosisTopology.PUNCTUATE_EVERY.toMillis()) {
            return List.of();
        }
        lastTick = clock;
        return engine.onTick(clock);
    }
}
