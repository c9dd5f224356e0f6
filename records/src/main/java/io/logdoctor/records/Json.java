package io.logdoctor.records;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The one Jackson configuration every module reads and writes records with. */
public final class Json {

    /** Thread-safe once configured; share it. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            // A newer producer may add fields: an older consumer must still read the record.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private Json() {
    }
}
