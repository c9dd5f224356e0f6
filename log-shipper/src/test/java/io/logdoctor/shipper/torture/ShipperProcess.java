package io.logdoctor.shipper.torture;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The shipper under test as a process, started from a command template (so rsyslog, or any other
 * shipper, runs in the same harness). Placeholders: {@code {bootstrap} {pods} {state} {cluster} {node}}.
 * Its output is appended to one log file, with a marker line at every start.
 */
final class ShipperProcess implements AutoCloseable {

    private final List<String> command;
    private final Path log;
    private Process process;
    private int starts;

    ShipperProcess(List<String> template, Map<String, String> values, Path log) {
        this.command = template.stream().map(arg -> expand(arg, values)).toList();
        this.log = log;
    }

    static String expand(String arg, Map<String, String> values) {
        String out = arg;
        for (Map.Entry<String, String> e : values.entrySet()) {
            out = out.replace("{" + e.getKey() + "}", e.getValue());
        }
        return out;
    }

    /** The command for a log line: a class path or other argument over 120 characters is elided. */
    static String shown(List<String> command) {
        return String.join(" ", command.stream().map(a -> a.length() > 120 ? "<" + a.length() + " chars>" : a).toList());
    }

    synchronized void start() throws IOException {
        starts++;
        Files.writeString(log, "=== torture harness: start " + starts + " at " + Instant.now() + ": " + shown(command) + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    /** SIGKILL to the process and every descendant (a launcher script's java, say): no hook, no final commit. */
    synchronized void kill() throws InterruptedException {
        List<ProcessHandle> tree = process.descendants().toList();
        process.destroyForcibly();
        tree.forEach(ProcessHandle::destroyForcibly);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the shipper (pid " + process.pid() + ") outlived SIGKILL by 30 s");
        }
    }

    /** Whether it exited on its own (a crash the harness did not cause). */
    synchronized boolean exited() {
        return process != null && !process.isAlive();
    }

    synchronized int exitValue() {
        return process.exitValue();
    }

    Path log() {
        return log;
    }

    /** Stops it as a node drain would: SIGTERM, then SIGKILL after 30 s. */
    @Override
    public synchronized void close() throws InterruptedException {
        if (process == null) {
            return;
        }
        List<ProcessHandle> tree = process.descendants().toList();
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        tree.forEach(ProcessHandle::destroyForcibly);
        process.waitFor(10, TimeUnit.SECONDS);
    }
}
