package io.logdoctor.shipper.journal;

import io.logdoctor.shipper.Source;
import io.logdoctor.shipper.SourceCheckpoints;
import io.logdoctor.shipper.sink.LogSink;

import io.logdoctor.records.LogRecord;
import io.logdoctor.records.ServiceMetrics;
import io.micrometer.core.instrument.Tags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads the node's systemd journal (kubelet, the container runtimes, the kernel log) through
 * {@code journalctl --follow --output=json}, inside the shipper's rounds: {@link #poll} sends the entries
 * read so far through the same {@link LogSink} as the files, and {@link #stage} adds the cursor of the last
 * one sent to the same unit of work, so with the transactional sink entries and cursor are one Kafka
 * transaction. A restart resumes with {@code --after-cursor=<committed cursor>}: kill -9 loses and repeats
 * nothing. An aborted unit of work ({@link #rewind}) restarts journalctl from the committed cursor.
 *
 * <p>Without a committed cursor reading starts at {@link JournalConfig#start()} (default: now, so a new
 * shipper on an old node does not replay weeks of history as fresh diagnoses), fixed once, so a rewind before
 * the first commit starts from the same point. journalctl ending (it should not: it follows) is logged as a
 * WARN with its stderr and restarted after a back-off that doubles up to {@link #MAX_BACKOFF}.
 */
public final class JournalSource implements Source {

    /** The key namespace of the journal cursor in the offsets topic, after {@code <cluster>/<node>/}. */
    static final String KEY_PREFIX = "journal/";
    /** Entries sent per round at most: bounds one transaction beside the files'. */
    static final int ENTRIES_PER_ROUND = 2000;
    static final Duration MIN_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(JournalSource.class);

    private final JournalConfig config;
    private final String journalctl;
    private final String cluster;
    private final String node;
    private final int maxLineBytes;
    private final Clock clock;
    private final String key;
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong shipped = new AtomicLong();
    private final AtomicLong restarts = new AtomicLong();
    private JournalProcess process;
    /** Where reading starts while no cursor was committed: fixed at the first restore, then committed. */
    private Instant since;
    private boolean sinceCommitted;
    private boolean sinceStaged;
    private String committedCursor;
    private String sentCursor;
    private String sentTs;
    private String stagedCursor;
    private Instant restartAt = Instant.MIN;
    private Duration backoff = Duration.ZERO;

    /**
     * @throws IllegalArgumentException if journalctl or the journal directory is not there, naming the setting to change
     */
    public JournalSource(JournalConfig config, String cluster, String node, int maxLineBytes, Clock clock) {
        this.config = config;
        this.journalctl = resolve(config.journalctl(), System.getenv("PATH"));
        if (config.directory() != null && !Files.isDirectory(config.directory())) {
            throw new IllegalArgumentException("journal directory " + config.directory() + " does not exist or is not a "
                    + "directory: mount the node's journal there (the DaemonSet mounts /var/log/journal and /run/log/journal) "
                    + "or change --journal-directory (LOGDOCTOR_JOURNAL_DIRECTORY, journal-directory=)");
        }
        this.cluster = cluster;
        this.node = node;
        this.maxLineBytes = maxLineBytes;
        this.clock = clock;
        this.key = KEY_PREFIX + node;
    }

    @Override
    public String keyPrefix() {
        return KEY_PREFIX;
    }

    @Override
    public void bindMetrics(ServiceMetrics registry, Clock clock) {
        registry.counter("logdoctor_shipper_journal_entries_total", "Journal entries sent to logs.raw (committed or not).",
                Tags.empty(), shipped, AtomicLong::get);
        registry.counter("logdoctor_shipper_journal_skipped_total",
                "journalctl output lines not shipped: over 16 MiB of JSON, or not a journal entry (each logged).",
                Tags.empty(), skipped, AtomicLong::get);
        registry.counter("logdoctor_shipper_journal_restarts_total", "Times journalctl ended and was started again.",
                Tags.empty(), restarts, AtomicLong::get);
    }

    /** Takes the committed cursor of this node's journal, if any; reading (re)starts after it. */
    @Override
    public void restore(Map<String, byte[]> committed) {
        byte[] value = committed.get(key);
        JournalCheckpoint checkpoint = value == null ? null
                : SourceCheckpoints.read(key, value, JournalCheckpoint.class, JournalCheckpoint::version, JournalCheckpoint.VERSION);
        committedCursor = checkpoint == null ? null : checkpoint.cursor();
        if (checkpoint != null && checkpoint.cursor() == null) {
            if (checkpoint.ts() == null) {
                throw new IllegalStateException("checkpoint " + key + " has neither a cursor nor a start time (ts)");
            }
            since = Instant.parse(checkpoint.ts()); // a start point committed before any entry: what came since is not skipped
            sinceCommitted = true;
        } else if (since == null) {
            since = config.start() == null ? null : clock.instant().minus(config.start());
        }
        stop();
        sentCursor = committedCursor;
        stagedCursor = committedCursor;
        restartAt = Instant.MIN;
        log.info("journal: resuming {}", committedCursor != null ? "after the committed cursor " + committedCursor
                : since == null ? "from the start of the journal (no cursor committed yet)" : "from " + since + " (no cursor committed yet)");
    }

    /**
     * Starts journalctl when needed, then sends up to {@link #ENTRIES_PER_ROUND} of the entries it printed.
     *
     * @return true if more entries are ready now
     */
    @Override
    public boolean poll(LogSink sink, Instant now) {
        if (process != null && process.over()) {
            restarts.incrementAndGet();
            backOff();
            log.warn("journal: `{}` {}; starting it again in {} ms", process.commandLine(), process.outcome(), backoff.toMillis());
            stop();
            restartAt = now.plus(backoff);
        }
        if (process == null) {
            if (now.isBefore(restartAt)) {
                return false;
            }
            start(now);
            if (process == null) {
                return false;
            }
        }
        int sent = 0;
        JournalEntry entry;
        while (sent < ENTRIES_PER_ROUND && (entry = process.poll()) != null) {
            LogRecord record = JournalRecords.record(entry, cluster, node, maxLineBytes);
            sink.send(record);
            sentCursor = entry.cursor();
            sentTs = record.ts();
            sent++;
        }
        if (sent > 0) {
            shipped.addAndGet(sent);
            backoff = Duration.ZERO; // journalctl works again
        }
        return process.ready();
    }

    private void start(Instant now) {
        List<String> command = command(journalctl, config, sentCursor, since);
        try {
            process = JournalProcess.start(command, skipped);
            log.info("journal: reading `{}`", String.join(" ", command));
        } catch (IOException e) {
            restarts.incrementAndGet();
            backOff();
            restartAt = now.plus(backoff);
            log.warn("journal: cannot start `{}` ({}); trying again in {} ms", String.join(" ", command), e.getMessage(),
                    backoff.toMillis());
        }
    }

    /**
     * The journalctl command line: follow, JSON with every field in full ({@code --all}: without it a field over
     * 4096 bytes prints as null), all entries from the start point ({@code --no-tail}: {@code --follow} alone
     * shows only the last 10), after {@code cursor} if there is one, else since {@code since} (null: the whole
     * journal), and the unit matches. The system journal is read with {@code --merge}, so a container whose
     * machine id is not the host's still sees the host's journal.
     */
    static List<String> command(String journalctl, JournalConfig config, String cursor, Instant since) {
        List<String> command = new ArrayList<>(List.of(journalctl, "--follow", "--no-tail", "--all", "--output=json",
                "--output-fields=" + String.join(",", JournalEntry.FIELDS)));
        command.add(config.directory() != null ? "--directory=" + config.directory() : "--merge");
        if (cursor != null) {
            command.add("--after-cursor=" + cursor);
        } else if (since != null) {
            command.add(String.format("--since=@%d.%06d", since.getEpochSecond(), since.getNano() / 1000));
        }
        command.addAll(config.matches());
        return command;
    }

    /** Adds the cursor of the last entry sent, if it moved, to the unit of work. */
    @Override
    public void stage(LogSink sink) {
        if (sentCursor != null && !sentCursor.equals(committedCursor)) {
            sink.sendCheckpoint(key, new JournalCheckpoint(JournalCheckpoint.VERSION, sentCursor, sentTs));
        } else if (sentCursor == null && since != null && !sinceCommitted) {
            // Nothing read yet (a quiet node): the start point is committed, so a restart does not move it to a later "now".
            sink.sendCheckpoint(key, new JournalCheckpoint(JournalCheckpoint.VERSION, null, since.toString()));
            sinceStaged = true;
        }
        stagedCursor = sentCursor;
    }

    @Override
    public void committed() {
        committedCursor = stagedCursor;
        sinceCommitted |= sinceStaged;
    }

    /** The unit of work was aborted: journalctl starts again after the committed cursor. */
    @Override
    public void rewind(Instant now) {
        stop();
        sentCursor = committedCursor;
        stagedCursor = committedCursor;
        sinceStaged = false;
        restartAt = Instant.MIN;
    }

    /** The cursor committed last, or null. */
    String committedCursor() {
        return committedCursor;
    }

    private void backOff() {
        backoff = backoff.isZero() ? MIN_BACKOFF : backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
    }

    private void stop() {
        if (process != null) {
            process.close();
            process = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * The journalctl to run: {@code name} if it is a path to an executable, else the first executable of that
     * name on {@code path}.
     *
     * @throws IllegalArgumentException naming the setting to change
     */
    static String resolve(String name, String path) {
        if (name.contains("/")) {
            if (Files.isExecutable(Path.of(name))) {
                return name;
            }
        } else if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                    return Path.of(dir, name).toString();
                }
            }
        }
        throw new IllegalArgumentException("the journal source needs journalctl, and " + name
                + (name.contains("/") ? " is not an executable file" : " is not on PATH (" + path + ")")
                + ": install it (Debian/Ubuntu: apt-get install systemd), give its path with --journalctl "
                + "(LOGDOCTOR_JOURNALCTL, journalctl=), or turn the journal source off (--journal, LOGDOCTOR_JOURNAL)");
    }
}
