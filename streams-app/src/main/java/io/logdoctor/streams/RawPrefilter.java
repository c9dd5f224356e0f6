package io.logdoctor.streams;

import io.logdoctor.patterns.SignatureCatalog;
import io.logdoctor.records.LogRecord;
import io.logdoctor.records.Topics;
import org.apache.kafka.common.serialization.Deserializer;

import java.util.function.Supplier;
import java.util.Arrays;

/**
 * Decodes the logs.raw values that can matter and no others (issue 16): a record none of whose strings
 * holds a literal of the catalogue or an error hint, in its JSON-escaped form
 * ({@link io.logdoctor.patterns.SignatureMatcher#mayMatchOrBeErrorInJson}), can neither match a
 * signature nor feed the candidates miner, so it becomes {@link #SKIPPED} without being decoded: 99 %
 * of a healthy cluster's lines. Everything else is decoded as before, so a record that is not JSON, not
 * an object or has no {@code "line":"} still fails here and goes to logs.dlq as {@code undecodable}
 * or {@code rejected}. Not checked in a skipped record: its other fields' types and its UTF-8.
 */
final class RawPrefilter implements Deserializer<LogRecord> {

    /** The system property that turns the raw test off ({@code -Dlogdoctor.raw.prefilter=off}): every record is decoded. */
    static final String PROPERTY = "logdoctor.raw.prefilter";

    /** A record that was not decoded because it cannot matter; compared by identity. */
    static final LogRecord SKIPPED = new LogRecord(null, null, null, null, null, null, null, null, null, null, null, null,
            null, null, null, null, null, null);

    private static final byte[] LINE_KEY = {'"', 'l', 'i', 'n', 'e', '"', ':', '"'};

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
        if (data != null && !catalog.get().matcher().mayMatchOrBeErrorInJson(data) && shaped(data)) {
            return SKIPPED;
        }
        return decoder.deserialize(topic, data);
    }

    /**
     * An object with a string {@code line}, at a glance: what a record must look like to be skipped, so
     * that tombstones, JSON null, other JSON values and records without a line still reach the decoder
     * and logs.dlq.
     */
    static boolean shaped(byte[] data) {
        int first = 0;
        int last = data.length - 1;
        while (first <= last && isSpace(data[first])) {
            first++;
        }
        while (last >= first && isSpace(data[last])) {
            last--;
        }
        if (first >= last || data[first] != '{' || data[last] != '}') {
            return false;
        }
        for (int i = first; i + LINE_KEY.length <= last; i++) {
            if (data[i] == '"' && Arrays.equals(LINE_KEY, 0, LINE_KEY.length, data, i, i + LINE_KEY.length)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }
}
