package io.logdoctor.records;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

/**
 * A silence on the compacted {@code silences} topic, keyed by its id: incidents whose members all match
 * its matchers between {@code startsAt} and {@code endsAt} are held back (Alertmanager's silence model).
 * Expiring one rewrites it with {@code endsAt} = now, so it stays listable.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Silence(String id, List<Matcher> matchers, String startsAt, String endsAt, String createdBy, String comment) {

    /**
     * One label matcher, as Alertmanager writes them: {@code name}, {@code op} one of {@code =}, {@code !=},
     * {@code =~}, {@code !~} (regular expressions anchored at both ends), and {@code value}.
     */
    public record Matcher(String name, String op, String value) {

        @Override
        public String toString() {
            return name + op + "\"" + value + "\"";
        }
    }

    /** True between startsAt (inclusive) and endsAt (exclusive). */
    public boolean activeAt(Instant now) {
        return !now.isBefore(Instant.parse(startsAt)) && now.isBefore(Instant.parse(endsAt));
    }
}
