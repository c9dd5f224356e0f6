package io.logdoctor.shipper;

import io.logdoctor.records.Json;

import java.io.IOException;
import java.util.function.ToIntFunction;

/** Reads a source's committed checkpoint (versioned JSON) from the offsets topic, naming the key when it cannot. */
public final class SourceCheckpoints {

    private SourceCheckpoints() {
    }

    /**
     * The checkpoint at {@code key}.
     *
     * @throws IllegalStateException naming the key if the JSON is not a checkpoint or has another version than {@code expected}
     */
    public static <T> T read(String key, byte[] value, Class<T> type, ToIntFunction<T> version, int expected) {
        T checkpoint;
        try {
            checkpoint = Json.MAPPER.readValue(value, type);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("checkpoint " + key + " is not valid: " + e.getMessage(), e);
        }
        if (version.applyAsInt(checkpoint) != expected) {
            throw new IllegalStateException("checkpoint " + key + " has version " + version.applyAsInt(checkpoint)
                    + "; this shipper reads version " + expected);
        }
        return checkpoint;
    }
}
