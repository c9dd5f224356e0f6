package io.logdoctor.notifier;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * How far each partition is done, for the offset commit. Each destination has its own queue, so
 * one may be far ahead of another: the committed offset is the lowest offset that some destination
 * still waits for (everything below it is delivered everywhere, or refused for good), and the commit's
 * metadata says how far each destination ahead of it got ({@code v1 slack%3Asre=130}). After a
 * restart or a rebalance, records between the two are sent only to the destinations that lack them.
 * The consumer thread's alone.
 */
final class Progress {

    private static final String VERSION = "v1";
    /** The broker's default offset.metadata.max.bytes is 4096; a longer note is left out (at worst a resend). */
    static final int METADATA_MAX = 4000;

    /** The offset after the last record handed to the queues (or skipped), per partition. */
    private final Map<TopicPartition, Long> dispatched = new HashMap<>();
    /** Per partition and destination, the offset below which that destination already has everything. */
    private final Map<TopicPartition, Map<String, Long>> ahead = new HashMap<>();
    private final Map<TopicPartition, OffsetAndMetadata> lastCommitted = new HashMap<>();

    /** Takes over a partition at its committed offset; its metadata tells what each destination already has. */
    void assigned(TopicPartition tp, OffsetAndMetadata committed) {
        forget(tp);
        if (committed != null) {
            lastCommitted.put(tp, committed);
            ahead.put(tp, parse(committed.metadata()));
        }
    }

    void forget(TopicPartition tp) {
        dispatched.remove(tp);
        ahead.remove(tp);
        lastCommitted.remove(tp);
    }

    /** Records before {@code next} are handed over. */
    void dispatched(TopicPartition tp, long next) {
        dispatched.put(tp, next);
    }

    /** Where reading {@code tp} should go on from after a failure, or -1 if nothing was handed over yet. */
    long resumeAt(TopicPartition tp) {
        return dispatched.getOrDefault(tp, -1L);
    }

    /** True if {@code destination} had the record at {@code offset} before the last restart or rebalance. */
    boolean alreadyHas(TopicPartition tp, String destination, long offset) {
        return offset < ahead.getOrDefault(tp, Map.of()).getOrDefault(destination, -1L);
    }

    /** The commit for {@code tp} given what the queues still hold; null if it would not move. */
    OffsetAndMetadata next(TopicPartition tp, Collection<DestinationQueue> queues) {
        Long handed = dispatched.get(tp);
        if (handed == null) {
            return null;
        }
        Map<String, Long> done = new TreeMap<>();
        long commit = handed;
        for (DestinationQueue q : queues) {
            String name = q.destination().toString();
            long pending = q.pendingFrom(tp.partition());
            long d = pending >= 0 ? pending : Math.max(handed, ahead.getOrDefault(tp, Map.of()).getOrDefault(name, -1L));
            done.put(name, d);
            commit = Math.min(commit, d);
        }
        StringBuilder note = new StringBuilder(VERSION);
        for (Map.Entry<String, Long> e : done.entrySet()) {
            if (e.getValue() > commit) {
                note.append(' ').append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=').append(e.getValue());
            }
        }
        OffsetAndMetadata next = new OffsetAndMetadata(commit, note.length() > METADATA_MAX ? VERSION : note.toString());
        OffsetAndMetadata last = lastCommitted.get(tp);
        if (last != null && last.offset() == next.offset() && last.metadata().equals(next.metadata())) {
            return null;
        }
        return next;
    }

    /** Remembers a commit that succeeded. */
    void committed(TopicPartition tp, OffsetAndMetadata o) {
        lastCommitted.put(tp, o);
    }

    /** The per-destination offsets of a commit's metadata; empty for one this version did not write. */
    static Map<String, Long> parse(String metadata) {
        Map<String, Long> out = new HashMap<>();
        if (metadata == null || !metadata.startsWith(VERSION + " ")) {
            return out;
        }
        for (String part : metadata.substring(VERSION.length() + 1).split(" ")) {
            int eq = part.lastIndexOf('=');
            try {
                out.put(URLDecoder.decode(part.substring(0, eq), StandardCharsets.UTF_8), Long.parseLong(part.substring(eq + 1)));
            } catch (RuntimeException e) {
                // a note we cannot read only costs resends
            }
        }
        return out;
    }
}
