package io.logdoctor.streams;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.logdoctor.patterns.mining.Candidate;
import io.logdoctor.patterns.mining.CandidateBook;
import io.logdoctor.patterns.mining.Template;
import io.logdoctor.patterns.mining.TemplateMiner;
import io.logdoctor.records.Json;
import io.logdoctor.records.LogRecord;
import io.logdoctor.records.Timestamps;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Mines the unexplained error lines of this task's routing keys with the same miner as
 * {@code logdoctor discover} ({@link CandidateBook}), and every {@code publishEvery} of wall-clock time
 * forwards the candidates that changed, keyed by candidate id, for the compacted candidates topic.
 * The miner lives in memory: after a restart or a rebalance a task starts mining afresh, and the
 * topic keeps the last published state until the new one replaces it.
 */
final class CandidateProcessor implements Processor<String, LogRecord, String, String> {

    private final Duration publishEvery;
    private final CandidateBook book = new CandidateBook(TemplateMiner.Settings.DEFAULT);
    private final Set<Template> changed = new LinkedHashSet<>();
    private ProcessorContext<String, String> context;

    CandidateProcessor(Duration publishEvery) {
        this.publishEvery = publishEvery;
    }

    @Override
    public void init(ProcessorContext<String, String> context) {
        this.context = context;
        context.schedule(publishEvery, PunctuationType.WALL_CLOCK_TIME, this::publish);
    }

    @Override
    public void process(Record<String, LogRecord> record) {
        LogRecord r = record.value();
        Long time = Timestamps.millis(r.ts());
        changed.add(book.observe(r.line(), CandidateBook.scopeOf(r), time != null ? time : record.timestamp()));
    }

    private void publish(long now) {
        for (Template t : changed) {
            Candidate c = book.candidate(t);
            if (c == null) {
                continue; // forgotten by the LRU since
            }
            try {
                context.forward(new Record<>(c.id(), Json.MAPPER.writeValueAsString(c), now));
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException("candidate " + c.id() + " does not serialise", e);
            }
        }
        changed.clear();
    }
}
