package io.logdoctor.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code logdoctor} command. */
@Command(name = "logdoctor", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Turns Kubernetes and AWS Lambda logs into diagnoses an on-call SRE can act on.")
public final class Main {

    /** The long-running commands, whose restart time is exposure. */
    private static final Set<String> SERVICES = Set.of("shipper", "events", "streams", "notifier", "broker");

    /** The subcommands, in the order help lists them. */
    private static final List<Class<?>> COMMANDS = List.of(DemoCommand.class, BrokerCommand.class, ShipperCommand.class,
            EventsCommand.class, StreamsCommand.class, MatchCommand.class, DiagnoseCommand.class, SignaturesCommand.class,
            NotifierCommand.class,
            DiscoverCommand.class, CandidatesCommand.class, IncidentsCommand.class, SilenceCommand.class,
            NotifierPreviewCommand.class, TailCommand.class, CommandLine.HelpCommand.class,
            AutoComplete.GenerateCompletion.class);

    // Read by LogSettings before picocli parses (so the first line logged has its format); declared here so every
    // command takes them and its help lists them.
    @Option(names = LogSettings.LEVEL_FLAG, scope = ScopeType.INHERIT, paramLabel = "LEVEL",
            description = "Own log level: trace, debug, info (default), warn or error (env LOGDOCTOR_LOG_LEVEL).")
    String logLevel;

    @Option(names = LogSettings.FORMAT_FLAG, scope = ScopeType.INHERIT, paramLabel = "FORMAT",
            description = "Own log lines on stderr: text (default) or json, one object per line (env LOGDOCTOR_LOG_FORMAT).")
    String logFormat;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs one command line and returns its exit code. */
    static int run(String... args) {
        LogSettings.Choice logging;
        try {
            logging = LogSettings.read(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("logdoctor: " + e.getMessage());
            return 2;
        }
        LogSettings.prepare(logging);
        EarlyShipperStart.begin(args, System.getenv()); // a shipper's rescue, before the 0.2 s logging and picocli take
        LogSettings.apply(logging);
        try {
            return commandLine(args.length > 0 ? args[0] : null)
                    .setExecutionExceptionHandler((e, cmd, parsed) -> {
                        // A user error (bad setting, missing file) gets one clear line, not a stack trace.
                        cmd.getErr().println(cmd.getCommandSpec().qualifiedName(" ") + ": " + message(e));
                        return e instanceof IllegalArgumentException || e instanceof IOException ? 2 : 1;
                    })
                    .execute(args);
        } finally {
            EarlyShipperStart.discard();
        }
    }

    /** The command tree. */
    static CommandLine commandLine() {
        return commandLine(null);
    }

    /**
     * The command tree, with only the model of the service {@code first} names when it names one: picocli builds
     * the model of every command it is given, 0.3-0.5 s of a restarted shipper's start on a busy node; every
     * other command (completion and help need them all) gets the whole tree.
     */
    static CommandLine commandLine(String first) {
        List<Class<?>> named = first != null && SERVICES.contains(first) ? COMMANDS.stream().filter(c -> names(c).contains(first)).toList()
                : List.of();
        CommandLine root = new CommandLine(new Main());
        (named.size() == 1 ? named : COMMANDS).forEach(root::addSubcommand);
        return root;
    }

    private static List<String> names(Class<?> command) {
        Command c = command.getAnnotation(Command.class);
        List<String> names = new ArrayList<>(List.of(c.aliases()));
        names.add(c.name());
        return names;
    }

    // The JDK's file errors carry only the path as their message ("nosuch.log"): say what happened to it.
    private static String message(Exception e) {
        if (e instanceof NoSuchFileException f) {
            return f.getFile() + ": no such file or directory";
        }
        if (e instanceof AccessDeniedException f) {
            return f.getFile() + ": permission denied";
        }
        return e.getMessage();
    }
}
