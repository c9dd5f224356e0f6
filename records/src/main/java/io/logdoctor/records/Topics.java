package io.logdoctor.records;

import org.apache.kafka.common.serialization.Serdes;

import java.util.List;

/** The topics of the pipeline (see DESIGN.md). */
public final class Topics {

    /** One record per log line, keyed by stream identity. */
    public static final Topic<String, LogRecord> LOGS_RAW =
            new Topic<>("logs.raw", Serdes.String(), JsonSerde.of(LogRecord.class), false);

    /** Diagnoses keyed by diagnosis id; compacted into "what is wrong now". */
    public static final Topic<String, Diagnosis> DIAGNOSES =
            new Topic<>("diagnoses", Serdes.String(), JsonSerde.of(Diagnosis.class), true);

    /** Records of logs.raw that could not be decoded, with the reason in headers. */
    public static final Topic<byte[], byte[]> LOGS_DLQ =
            new Topic<>("logs.dlq", Serdes.ByteArray(), Serdes.ByteArray(), false);

    /** Every topic the pipeline needs before it starts. */
    public static final List<Topic<?, ?>> ALL = List.of(LOGS_RAW, DIAGNOSES, LOGS_DLQ);

    private Topics() {
    }
}
