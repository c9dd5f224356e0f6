package io.logdoctor.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logdoctor.records.Diagnosis;
import io.logdoctor.records.Json;
import io.logdoctor.records.Topics;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/** How {@code logdoctor tail} prints one record: a diagnosis as the demo does, a dead letter with why it is one. */
final class TailPrinter {

    /** A dead letter keeps up to 8 MiB of the original; a person reading the tail needs its start. */
    static final int READABLE_VALUE_CHARS = 500;

    private final PrintStream out;
    private final boolean json;
    private final DiagnosisPrinter diagnoses;

    TailPrinter(PrintStream out, boolean json) {
        this.out = out;
        this.json = json;
        this.diagnoses = new DiagnosisPrinter(out, json);
    }

    void diagnosis(ConsumerRecord<byte[], byte[]> r) {
        if (r.value() == null) {
            if (!json) {
                out.println("(tombstone for " + text(r.key()) + " at " + where(r) + ")");
            }
            return;
        }
        Diagnosis d;
        try {
            d = Topics.DIAGNOSES.valueSerde().deserializer().deserialize(r.topic(), r.value());
        } catch (RuntimeException e) {
            out.println(json ? text(r.value()) : "(not a diagnosis at " + where(r) + ": " + e.getMessage() + ")");
            return;
        }
        diagnoses.print(d);
    }

    void deadLetter(ConsumerRecord<byte[], byte[]> r) throws IOException {
        String reason = header(r, "__logdoctor.reason");
        if (json) {
            ObjectNode node = Json.MAPPER.createObjectNode();
            node.put("key", r.key() == null ? null : text(r.key()));
            node.put("reason", reason);
            ObjectNode headers = node.putObject("headers");
            for (Header h : r.headers()) {
                headers.put(h.key(), h.value() == null ? null : text(h.value()));
            }
            node.put("value", r.value() == null ? null : text(r.value()));
            out.println(Json.MAPPER.writeValueAsString(node));
            return;
        }
        out.println("DEAD LETTER  [" + (reason == null ? "?" : reason) + "]  " + where(r) + "  key " + (r.key() == null ? "-" : text(r.key()))
                + "  at " + Instant.ofEpochMilli(r.timestamp()));
        String from = header(r, "__streams.errors.topic");
        if (from != null) {
            out.println("  from:  " + from + "@" + header(r, "__streams.errors.partition") + ":" + header(r, "__streams.errors.offset")
                    + (header(r, "__streams.errors.processor") == null ? "" : " in " + header(r, "__streams.errors.processor")));
        }
        String error = header(r, "__streams.errors.message");
        if (error != null) {
            out.println("  error: " + error + (header(r, "__streams.errors.exception") == null ? "" : " (" + header(r, "__streams.errors.exception") + ")"));
        }
        String value = r.value() == null ? "(null)" : text(r.value());
        out.println("  value: " + (value.length() > READABLE_VALUE_CHARS
                ? value.substring(0, READABLE_VALUE_CHARS) + "… (" + r.value().length + " bytes; --json prints it whole)" : value));
    }

    private static String where(ConsumerRecord<?, ?> r) {
        return r.topic() + "@" + r.partition() + ":" + r.offset();
    }

    private static String header(ConsumerRecord<?, ?> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null || h.value() == null ? null : text(h.value());
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
