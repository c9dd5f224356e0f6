package io.logdoctor.cli;

import io.logdoctor.patterns.mining.Candidate;
import io.logdoctor.records.Json;
import io.logdoctor.records.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code logdoctor candidates}: the templates of unexplained errors the streams app has mined, read
 * from the compacted candidates topic (the latest value of each key), best first; {@code --draft}
 * writes a signature skeleton from one, as {@code discover --draft} does.
 */
@Command(name = "candidates", mixinStandardHelpOptions = true,
        description = "Print the top candidates (templates of errors no signature explains) from the candidates topic.")
final class CandidatesCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    @Mixin
    CandidateOptions output;

    @Override
    public Integer call() throws Exception {
        Settings settings = kafka.settings();
        TopicHistory topic = new TopicHistory(kafka.bootstrapServers(settings), settings.kafkaProperties());
        Map<String, Candidate> latest = new LinkedHashMap<>();
        long[] unreadable = new long[1];
        topic.read(Topics.CANDIDATES.name(), TopicHistory.EARLIEST, r -> {
            String key = r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8);
            if (r.value() == null) {
                latest.remove(key); // a tombstone
                return;
            }
            try {
                latest.put(key, Json.MAPPER.readValue(r.value(), Candidate.class));
            } catch (IOException e) {
                unreadable[0]++;
            }
        });
        List<Candidate> ranked = new ArrayList<>(latest.values());
        ranked.sort(Candidate.RANKING);
        if (unreadable[0] > 0) {
            System.err.println("logdoctor candidates: " + unreadable[0] + " records of " + Topics.CANDIDATES.name()
                    + " are not candidates and were skipped");
        }
        output.emit("candidates", ranked);
        return 0;
    }
}
