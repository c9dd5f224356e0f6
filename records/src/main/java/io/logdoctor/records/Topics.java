package io.logdoctor.records;

import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serdes;

import java.util.List;
import java.util.Map;

/** The topics of the pipeline, with their serdes and configs (README: Architecture, "Record shapes"; docs/*.schema.json). */
public final class Topics {

    /** The largest record batch logs.raw and logs.dlq accept (8 MiB). */
    public static final int MAX_RECORD_BYTES = 8 * 1024 * 1024;

    /** One record per log line, keyed by stream identity. */
    public static final Topic<String, LogRecord> LOGS_RAW =
            new Topic<>("logs.raw", Serdes.String(), JsonSerde.of(LogRecord.class), Map.of(
                    // A 1 MiB line (the shipper's cut) can grow several times as escaped JSON, and
                    // random bytes do not compress: the broker's default 1 MiB batch limit is too small.
                    TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(Topics.MAX_RECORD_BYTES)));

    /** Diagnoses keyed by diagnosis id; compacted into "what is wrong now". */
    public static final Topic<String, Diagnosis> DIAGNOSES =
            new Topic<>("diagnoses", Serdes.String(), JsonSerde.of(Diagnosis.class),
                    Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));

    /** Records of logs.raw that could not be decoded, with the reason in headers. */
    public static final Topic<byte[], byte[]> LOGS_DLQ =
            new Topic<>("logs.dlq", Serdes.ByteArray(), Serdes.ByteArray(),
                    Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(Topics.MAX_RECORD_BYTES)));

    /**
     * The signature catalogue: key = signature id (or {@code grok/<file>.grok}), value = the file's text,
     * a tombstone deletes. Compacted, so it always holds the current catalogue.
     */
    public static final Topic<String, String> SIGNATURES =
            new Topic<>("signatures", Serdes.String(), Serdes.String(),
                    Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));

    /**
     * Templates of error-looking lines no signature explains (streams app's miner): key = candidate id,
     * value = the candidate as JSON (patterns' {@code Candidate}). Compacted: the latest state of each.
     */
    public static final Topic<String, String> CANDIDATES =
            new Topic<>("candidates", Serdes.String(), Serdes.String(),
                    Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));

    /** Incidents keyed by incident id (one signature and group key); compacted into "what is wrong now, grouped". */
    public static final Topic<String, Incident> INCIDENTS =
            new Topic<>("incidents", Serdes.String(), JsonSerde.of(Incident.class),
                    Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));

    /** Silences keyed by silence id; compacted, so it holds the latest version of each (expired ones too). */
    public static final Topic<String, Silence> SILENCES =
            new Topic<>("silences", Serdes.String(), JsonSerde.of(Silence.class),
                    Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));

    /** The shipper's offsets topic name: compacted, keyed by node and file identity. */
    public static final String SHIPPER_OFFSETS = "logs.shipper.offsets";

    /**
     * The log shipper's file offsets, written in the same transaction as the lines they cover (as Kafka
     * Connect's exactly-once sources do); compacted, so it holds the last committed offset of each file.
     * Small segments, because Kafka never compacts the active one and a restarting shipper reads the whole
     * topic: with the defaults (1 GiB, 7 days) it would read every update of the week, not one per file.
     */
    public static final Topic<String, String> SHIPPER_OFFSETS_TOPIC =
            new Topic<>(SHIPPER_OFFSETS, Serdes.String(), Serdes.String(),
                    Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                            TopicConfig.SEGMENT_BYTES_CONFIG, String.valueOf(16 * 1024 * 1024),
                            TopicConfig.SEGMENT_MS_CONFIG, String.valueOf(10 * 60 * 1000)));

    /** Every topic the pipeline needs before it starts. */
    public static final List<Topic<?, ?>> ALL = List.of(LOGS_RAW, DIAGNOSES, LOGS_DLQ, SIGNATURES, SHIPPER_OFFSETS_TOPIC,
            CANDIDATES, INCIDENTS, SILENCES);

    private Topics() {
    }
}
