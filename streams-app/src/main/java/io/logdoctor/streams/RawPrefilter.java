package io.logdoctor.streams;

import io.logdoctor.patterns.SignatureCatalog;
import io.logdoctor.records.LogRecord;
import io.logdoctor.records.Topics;
import org.apache.kafka.common.serialization.Deserializer;

import java.util.function.Supplier;

/**
 * Decodes the logs.raw values that can matter and no others (issue 16): a record whose top-level
 * {@code line} string holds no literal of the catalogue and no error hint, in their JSON-escaped form
 * ({@link io.logdoctor.patterns.SignatureMatcher#lineMayMatchOrBeError}), can neither match a signature
 * nor feed the candidates miner, so it becomes {@link #SKIPPED} without being decoded: 99 % of a healthy
 * cluster's lines. Everything else is decoded as before, so a
 * record that is not a JSON object with one string {@code line} still fails here and goes to logs.dlq as
 * {@code undecodable} or {@code rejected}. Not checked in a skipped record: its other fields' types, its
 * UTF-8 and control characters left unescaped in its line.
 */
final class RawPrefilter implements Deserializer<LogRecord> {

    /** The system property that turns the raw test off ({@code -Dlogdoctor.raw.prefilter=off}): every record is decoded. */
    static final String PROPERTY = "logdoctor.raw.prefilter";

    /** A record that was not decoded because it cannot matter; compared by identity. */
    static final LogRecord SKIPPED = new LogRecord(null, null, null, null, null, null, null, null, null, null, null, null,
            null, null, null, null, null, null);

    private final Supplier<SignatureCatalog> catalog;
    private final Deserializer<LogRecord> decoder = Topics.LOGS_RAW.valueSerde().deserializer();

    RawPrefilter(Supplier<SignatureCatalog> catalog) {
        this.catalog = catalog;
    }

    /** On unless the system property says {@code off} (for measuring the difference, and a way back). */
    static boolean enabled() {
        return !"off".equals(System.getProperty(PROPERTY, "on"));
    }

    @Override
    public LogRecord deserialize(String topic, byte[] data) {
        if (data != null && !catalog.get().matcher().lineMayMatchOrBeError(data)) {
            return SKIPPED;
        }
        return decoder.deserialize(topic, data);
    }
}
