package io.logdoctor.cli;

import io.logdoctor.records.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** The latest value of each key of a compacted topic, read once to its end (a tombstone removes the key). */
final class CompactedTopic {

    private CompactedTopic() {
    }

    /** Latest values by key; {@code unreadable[0]} counts records that are not a {@code type}. */
    static <T> Map<String, T> latest(TopicHistory history, String topic, Class<T> type, long[] unreadable) throws IOException {
        Map<String, T> latest = new LinkedHashMap<>();
        history.read(topic, TopicHistory.EARLIEST, r -> {
            String key = r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8);
            if (r.value() == null) {
                latest.remove(key);
                return;
            }
            try {
                latest.put(key, Json.MAPPER.readValue(r.value(), type));
            } catch (IOException e) {
                unreadable[0]++;
            }
        });
        return latest;
    }
}
