package io.logdoctor.streams;

import io.logdoctor.patterns.LineContext;
import io.logdoctor.patterns.SignatureCatalog;
import io.logdoctor.patterns.mining.ErrorLines;
import io.logdoctor.patterns.mining.TemplateMiner;
import io.logdoctor.records.LogRecord;
import org.apache.kafka.streams.KeyValue;

import java.util.List;
import java.util.function.Supplier;

/**
 * The first step of the candidates branch: keeps the error-looking lines no signature explains, keyed
 * by {@link TemplateMiner#routingKey} so every line of one template reaches the same miner, and counts
 * the explained-error ratio. A line that does not look like an error costs a few substring searches;
 * only error-looking lines are matched a second time (the diagnosis branch matched them once).
 */
final class UnexplainedErrors {

    private final Supplier<SignatureCatalog> catalog;
    private final ErrorCoverage coverage;

    UnexplainedErrors(Supplier<SignatureCatalog> catalog, ErrorCoverage coverage) {
        this.catalog = catalog;
        this.coverage = coverage;
    }

    List<KeyValue<String, LogRecord>> of(LogRecord record) {
        if (record == RawPrefilter.SKIPPED || record == null || record.line() == null || !ErrorLines.test(record.line())) {
            // the diagnosis branch sends records with no line to logs.dlq; a skipped one holds no error hint
            return List.of();
        }
        LineContext context = new LineContext(record.source(), record.namespace(), record.container(), record.logGroup());
        boolean explained = !catalog.get().matcher().match(record.line(), context).isEmpty();
        coverage.count(LogRecord.SOURCE_LAMBDA.equals(record.source()) ? record.logGroup() : record.namespace(), explained);
        return explained ? List.of() : List.of(KeyValue.pair(TemplateMiner.routingKey(record.line()), record));
    }
}
