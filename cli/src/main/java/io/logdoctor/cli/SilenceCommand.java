package io.logdoctor.cli;

import io.logdoctor.records.Durations;
import io.logdoctor.records.Json;
import io.logdoctor.records.Silence;
import io.logdoctor.records.SilenceMatchers;
import io.logdoctor.records.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.security.SecureRandom;
import java.util.stream.Collectors;
import java.util.concurrent.Callable;

/** {@code logdoctor silence add|list|expire}: silences on the compacted silences topic, which every streams instance follows. */
@Command(name = "silence", mixinStandardHelpOptions = true,
        description = "Add, list and expire silences: incidents whose members all match a silence are not sent while it lasts.",
        subcommands = {SilenceCommand.Add.class, SilenceCommand.ListSilences.class, SilenceCommand.Expire.class})
final class SilenceCommand {

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a silence; prints its id.")
    static final class Add implements Callable<Integer> {
        @Mixin
        KafkaOptions kafka;

        @Option(names = "--match", required = true, paramLabel = "MATCHER",
                description = "name=value, name!=value, name=~regex or name!~regex (Alertmanager's); a * in = or != is a glob. "
                        + "Labels: signature, severity, cluster, namespace, workload, node, pod, container, function, logGroup.")
        List<String> matchers;

        @Option(names = "--for", required = true, paramLabel = "DURATION", description = "How long it lasts: 90m, 2h, 1d (or ISO-8601, PT2H).")
        String duration;

        @Option(names = "--comment", required = true, paramLabel = "TEXT", description = "Why; shown with the silence.")
        String comment;

        @Option(names = "--author", paramLabel = "NAME", description = "Who (default: $USER).")
        String author;

        @Override
        public Integer call() throws Exception {
            List<Silence.Matcher> parsed = matchers.stream().map(SilenceMatchers::parse).toList();
            Instant now = Instant.now();
            byte[] random = new byte[8];
            new SecureRandom().nextBytes(random);
            Silence s = new Silence("s-" + HexFormat.of().formatHex(random), parsed, now.toString(),
                    now.plus(duration(duration)).toString(), author != null ? author : System.getenv().getOrDefault("USER", "unknown"),
                    comment);
            write(kafka, s);
            System.out.println(s.id());
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the active silences (--all: expired ones too).")
    static final class ListSilences implements Callable<Integer> {
        @Mixin
        KafkaOptions kafka;

        @Option(names = "--all", description = "Also expired and future silences.")
        boolean all;

        @Option(names = "--format", paramLabel = "text|json", description = "text (default) or json (one silence per line).")
        String format = "text";

        @Override
        public Integer call() throws Exception {
            Instant now = Instant.now();
            int shown = 0;
            for (Silence s : read(kafka).values()) {
                if (!all && !s.activeAt(now)) {
                    continue;
                }
                shown++;
                System.out.println("json".equals(format) ? Json.MAPPER.writeValueAsString(s)
                        : String.format("%s  %s  %s .. %s  %s  by %s: %s", s.id(), s.activeAt(now) ? "active " : "expired",
                        s.startsAt(), s.endsAt(), s.matchers().stream().map(Silence.Matcher::toString).collect(Collectors.joining(",")),
                        s.createdBy(), s.comment()));
            }
            if (shown == 0 && !"json".equals(format)) {
                System.out.println(all ? "no silence" : "no active silence");
            }
            return 0;
        }
    }

    @Command(name = "expire", mixinStandardHelpOptions = true, description = "End a silence now; an incident it held that still fires is sent.")
    static final class Expire implements Callable<Integer> {
        @Mixin
        KafkaOptions kafka;

        @Parameters(paramLabel = "ID", description = "The silence id (from silence add or silence list).")
        String id;

        @Override
        public Integer call() throws Exception {
            Silence s = read(kafka).get(id);
            if (s == null) {
                throw new IllegalArgumentException("no silence " + id + " on the silences topic; `logdoctor silence list --all` lists them");
            }
            Instant now = Instant.now();
            String end = Instant.parse(s.endsAt()).isBefore(now) ? s.endsAt() : now.toString();
            write(kafka, new Silence(s.id(), s.matchers(), s.startsAt(), end, s.createdBy(), s.comment()));
            System.out.println(s.id() + " expired at " + end);
            return 0;
        }
    }

    private SilenceCommand() {
    }

    /** A positive duration in the one syntax of {@link Durations}: "90m", "2h", "1d", "30s", or ISO-8601. */
    static Duration duration(String text) {
        try {
            Duration d = Durations.parse(text);
            if (!d.isZero()) {
                return d;
            }
        } catch (IllegalArgumentException e) {
            // the message below says what --for takes
        }
        throw new IllegalArgumentException("--for: must be a positive duration such as 90m, 2h or 1d; was '" + text + "'");
    }

    private static Map<String, Silence> read(KafkaOptions kafka) throws Exception {
        Settings settings = kafka.settings();
        long[] unreadable = new long[1];
        Map<String, Silence> silences = CompactedTopic.latest(new TopicHistory(kafka.bootstrapServers(settings), settings.kafkaProperties()),
                Topics.SILENCES.name(), Silence.class, unreadable);
        if (unreadable[0] > 0) {
            System.err.println("logdoctor silence: " + unreadable[0] + " records of " + Topics.SILENCES.name() + " are not silences and were skipped");
        }
        return silences;
    }

    private static void write(KafkaOptions kafka, Silence s) throws Exception {
        Settings settings = kafka.settings();
        Map<String, Object> config = new HashMap<>(settings.kafkaProperties());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(settings));
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        try (KafkaProducer<String, Silence> producer = new KafkaProducer<>(config, Topics.SILENCES.keySerde().serializer(),
                Topics.SILENCES.valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(Topics.SILENCES.name(), s.id(), s)).get(); // a failed write is an error, never ignored
        }
    }
}
