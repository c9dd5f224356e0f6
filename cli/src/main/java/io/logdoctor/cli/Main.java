package io.logdoctor.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code logdoctor} command. */
@Command(name = "logdoctor", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Turns Kubernetes and AWS Lambda logs into diagnoses an on-call SRE can act on.",
        subcommands = {DemoCommand.class, BrokerCommand.class, ShipperCommand.class, StreamsCommand.class,
                MatchCommand.class, DiagnoseCommand.class, SignaturesCommand.class, NotifierCommand.class,
                NotifierPreviewCommand.class, CommandLine.HelpCommand.class})
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs one command line and returns its exit code. */
    static int run(String... args) {
        return new CommandLine(new Main())
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    // A user error (bad setting, missing file) gets one clear line, not a stack trace.
                    cmd.getErr().println("logdoctor " + cmd.getCommandName() + ": " + e.getMessage());
                    return e instanceof IllegalArgumentException || e instanceof java.io.IOException ? 2 : 1;
                })
                .execute(args);
    }
}
