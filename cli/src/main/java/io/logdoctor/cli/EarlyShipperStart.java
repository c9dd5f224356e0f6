package io.logdoctor.cli;

import io.logdoctor.shipper.ShipperConfig;
import io.logdoctor.shipper.ShipperPrestart;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Begins {@code logdoctor shipper}'s start before logging and picocli are set up: a restarted shipper's exposure is
 * the time until its rescue copies what kubelet or logrotate may delete or overwrite next (issue 11: starts killed
 * 1-2 s in on a busy node, before they reached the rescue, lost every line of those files). It reads only the flags,
 * variables and config-file keys that name the files and the state directory, on a thread of its own; the command
 * takes the {@link ShipperPrestart} over ({@link #take}) once picocli has read everything, and {@link
 * io.logdoctor.shipper.LogShipper#start} checks it names the same files. Anything it cannot read is left to the
 * command, which reports it.
 */
final class EarlyShipperStart {

    /** Never connected to: the prestart makes no Kafka client. */
    private static final String UNUSED_BOOTSTRAP = "prestart.invalid:9092";
    private static final Set<String> NOT_A_START = Set.of("-h", "--help", "-V", "--version", "help");
    private static CompletableFuture<ShipperPrestart> begun;

    private EarlyShipperStart() {
    }

    /** Begins the prestart when {@code args} start a shipper; otherwise nothing. */
    static synchronized void begin(String[] args, Map<String, String> env) {
        if (args.length == 0 || !args[0].equals("shipper") || begun != null) {
            return;
        }
        for (String arg : args) {
            if (NOT_A_START.contains(arg)) {
                return;
            }
        }
        CompletableFuture<ShipperPrestart> future = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                future.complete(ShipperPrestart.begin(config(args, env)));
            } catch (Exception | LinkageError e) { // the command reads the same settings again and says what is wrong
                future.complete(null);
            }
        }, "logdoctor-prestart");
        thread.setDaemon(true);
        thread.start();
        begun = future;
    }

    /** The files and state directory {@code args}, {@code env} and the config file name, as the command reads them. */
    static ShipperConfig config(String[] args, Map<String, String> env) throws IOException {
        String config = flag(args, "--config");
        Settings settings = Settings.load(config != null ? Path.of(config) : null, env);
        return ShipperCommand.files(settings, UNUSED_BOOTSTRAP, new ShipperCommand.FileFlags(flag(args, "--pods-root"),
                flag(args, "--containers-root"), flag(args, "--state-dir"), flag(args, "--include"), flag(args, "--exclude")));
    }

    /** The prestart {@link #begin} made (waiting for it), or null; the caller owns it from here. */
    static synchronized ShipperPrestart take() {
        CompletableFuture<ShipperPrestart> future = begun;
        begun = null;
        return future == null ? null : future.join();
    }

    /** Closes a prestart the command never took (it failed before starting the shipper). */
    static void discard() {
        ShipperPrestart left = take();
        if (left != null) {
            left.close();
        }
    }

    /** The value of {@code --name value} or {@code --name=value} before any {@code --}; the last one given wins. */
    private static String flag(String[] args, String name) {
        String value = null;
        for (int i = 1; i < args.length && !args[i].equals("--"); i++) {
            if (args[i].equals(name) && i + 1 < args.length) {
                value = args[++i];
            } else if (args[i].startsWith(name + "=")) {
                value = args[i].substring(name.length() + 1);
            }
        }
        return value;
    }
}
