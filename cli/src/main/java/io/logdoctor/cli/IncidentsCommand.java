package io.logdoctor.cli;

import io.logdoctor.records.Diagnosis;
import io.logdoctor.records.Incident;
import io.logdoctor.records.Json;
import io.logdoctor.records.Silence;
import io.logdoctor.records.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code logdoctor incidents}: what fires now, grouped, from the compacted incidents topic (the latest
 * record of each incident), with its members and what holds it back (silences, inhibiting diagnoses).
 */
@Command(name = "incidents", mixinStandardHelpOptions = true,
        description = "Print the incidents firing now (held ones too, marked HELD), with members, silences and inhibitions.")
final class IncidentsCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--format", paramLabel = "text|json", description = "text (default) or json (one incident record per line).")
    String format = "text";

    @Option(names = "--all", description = "Also the resolved incidents still on the topic.")
    boolean all;

    @Override
    public Integer call() throws Exception {
        if (!format.equals("text") && !format.equals("json")) {
            throw new IllegalArgumentException("--format: must be text or json; was '" + format + "'");
        }
        Settings settings = kafka.settings();
        TopicHistory topic = new TopicHistory(kafka.bootstrapServers(settings), settings.kafkaProperties());
        long[] unreadable = new long[1];
        Map<String, Incident> latest = CompactedTopic.latest(topic, Topics.INCIDENTS.name(), Incident.class, unreadable);
        Map<String, Silence> silences = CompactedTopic.latest(topic, Topics.SILENCES.name(), Silence.class, unreadable);
        List<Incident> shown = new ArrayList<>();
        for (Incident i : latest.values()) {
            if (all || Diagnosis.FIRING.equals(i.status())) {
                shown.add(i);
            }
        }
        shown.sort(Comparator.comparing(Incident::held).thenComparing(Incident::signature).thenComparing(Incident::id));
        if (unreadable[0] > 0) {
            System.err.println("logdoctor incidents: " + unreadable[0] + " records are not incidents or silences and were skipped");
        }
        for (Incident i : shown) {
            System.out.println(format.equals("json") ? Json.MAPPER.writeValueAsString(i) : IncidentPrinter.readable(i, silences));
        }
        if (format.equals("text") && shown.isEmpty()) {
            System.out.println("no incident is firing");
        }
        return 0;
    }
}
