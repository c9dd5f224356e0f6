package io.logdoctor.shipper.journal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One run of {@code journalctl --follow --output=json}: a reader thread parses its lines into a bounded
 * queue that the source drains. When the queue is full the thread waits, journalctl blocks on its full
 * pipe and the journal stays where it is on disk: backpressure without dropping anything. The process's
 * stderr is kept (its last {@value #STDERR_CHARS} characters) to say why it ended.
 */
final class JournalProcess implements AutoCloseable {

    /** Entries parsed ahead of the shipper: bounds memory to this many (each at most {@link #MAX_LINE_CHARS}). */
    static final int QUEUE_ENTRIES = 1024;
    /** A JSON line longer than this (with {@code --all} a field may be large) is skipped, counted and logged. */
    static final int MAX_LINE_CHARS = 16 * 1024 * 1024;
    private static final int STDERR_CHARS = 2000;
    private static final Logger log = LoggerFactory.getLogger(JournalProcess.class);

    private final List<String> command;
    private final Process process;
    private final BlockingQueue<JournalEntry> queue = new ArrayBlockingQueue<>(QUEUE_ENTRIES);
    private final StringBuilder stderr = new StringBuilder();
    private final AtomicLong skipped;
    private final Thread reader;
    private final Thread errors;
    private volatile boolean ended;
    private volatile boolean closing;

    private JournalProcess(List<String> command, Process process, AtomicLong skipped) {
        this.command = List.copyOf(command);
        this.process = process;
        this.skipped = skipped;
        this.reader = new Thread(this::read, "logdoctor-journal-reader");
        this.errors = new Thread(this::readErrors, "logdoctor-journal-stderr");
        reader.setDaemon(true);
        errors.setDaemon(true);
    }

    /**
     * Starts {@code command} and its reader threads.
     *
     * @param skipped counts lines that could not be shipped (too long, not an entry)
     * @throws IOException if the process cannot be started
     */
    static JournalProcess start(List<String> command, AtomicLong skipped) throws IOException {
        Process process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        JournalProcess p = new JournalProcess(command, process, skipped);
        p.reader.start();
        p.errors.start();
        return p;
    }

    /** The next parsed entry, or null if none is ready. */
    JournalEntry poll() {
        return queue.poll();
    }

    /** True if an entry is ready. */
    boolean ready() {
        return !queue.isEmpty();
    }

    /** True once journalctl's output ended and everything it printed was taken: the process is over. */
    boolean over() {
        return ended && queue.isEmpty();
    }

    /** The command line, for messages. */
    String commandLine() {
        return String.join(" ", command);
    }

    /** How the process ended: its exit code and the end of its stderr. */
    String outcome() {
        String code;
        try {
            code = process.waitFor(2, TimeUnit.SECONDS) ? "exited with code " + process.exitValue() : "still running";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            code = "interrupted";
        }
        String err;
        synchronized (stderr) {
            err = stderr.toString().strip();
        }
        return code + (err.isEmpty() ? " (no stderr)" : "; stderr: " + err);
    }

    private void read() {
        try (Reader in = new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)) {
            StringBuilder line = new StringBuilder();
            boolean tooLong = false;
            char[] buf = new char[64 * 1024];
            int n;
            while ((n = in.read(buf)) >= 0) {
                int from = 0;
                for (int i = 0; i < n; i++) {
                    if (buf[i] != '\n') {
                        continue;
                    }
                    tooLong = append(line, buf, from, i, tooLong);
                    if (!tooLong) {
                        offer(line.toString());
                    }
                    line.setLength(0);
                    tooLong = false;
                    from = i + 1;
                }
                tooLong = append(line, buf, from, n, tooLong);
            }
        } catch (IOException e) {
            if (!closing) {
                log.warn("reading {} failed: {}", commandLine(), e.toString());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // closed while the queue was full
        } finally {
            ended = true;
        }
    }

    /** Appends {@code buf[from, to)}; once the line passes {@link #MAX_LINE_CHARS} it is dropped and counted. */
    private boolean append(StringBuilder line, char[] buf, int from, int to, boolean tooLong) {
        if (tooLong) {
            return true;
        }
        if (line.length() + (to - from) > MAX_LINE_CHARS) {
            skipped.incrementAndGet();
            log.warn("a journal entry of {} over {} characters of JSON was skipped: {}...", commandLine(), MAX_LINE_CHARS,
                    line.substring(0, Math.min(200, line.length())));
            line.setLength(0);
            return true;
        }
        line.append(buf, from, to - from);
        return false;
    }

    private void offer(String line) throws InterruptedException {
        if (line.isBlank()) {
            return;
        }
        JournalEntry entry;
        try {
            entry = JournalEntry.parse(line);
        } catch (IllegalArgumentException e) {
            skipped.incrementAndGet();
            log.warn("skipped a line of {} that is not a journal entry ({}): {}", commandLine(), e.getMessage(),
                    line.substring(0, Math.min(200, line.length())));
            return;
        }
        queue.put(entry); // blocks while the shipper is behind: journalctl then blocks on its pipe
    }

    private void readErrors() {
        try (InputStream err = process.getErrorStream()) {
            byte[] buf = new byte[4096];
            int n;
            while ((n = err.read(buf)) >= 0) {
                synchronized (stderr) {
                    stderr.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                    if (stderr.length() > STDERR_CHARS) {
                        stderr.delete(0, stderr.length() - STDERR_CHARS);
                    }
                }
            }
        } catch (IOException e) {
            // the process is gone; what it said so far is kept
        }
    }

    /** Stops journalctl (SIGTERM, then SIGKILL) and its threads; what it printed and was not taken is dropped. */
    @Override
    public void close() {
        closing = true;
        process.destroy();
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            reader.interrupt();
            reader.join(2000);
            errors.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        queue.clear();
    }
}
