package io.logdoctor.cli;

import io.logdoctor.patterns.SignatureCatalog;
import io.logdoctor.records.Diagnosis;
import io.logdoctor.streams.OfflineDiagnoser;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code logdoctor diagnose}: the streams app's full diagnosis rules (fire thresholds, refinement,
 * resolve) over files, offline, through the same engine; prints the diagnoses as JSON lines exactly as
 * the app would emit them to the diagnoses topic.
 */
@Command(name = "diagnose", mixinStandardHelpOptions = true,
        description = "Diagnose log files offline with the streams app's rules; print the diagnoses as JSON lines.")
final class DiagnoseCommand implements Callable<Integer> {

    @Mixin
    FileInputOptions input;

    @Option(names = "--signatures", paramLabel = "DIR", description = "A signature catalogue directory (default: the bundled catalogue).")
    Path signatures;

    @Option(names = "--readable", description = "Print diagnoses for a person instead of JSON lines.")
    boolean readable;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Files to diagnose, read in the order given.")
    List<Path> files;

    @Override
    public Integer call() throws IOException {
        input.check();
        files.forEach(Inputs::logFile); // every file checked before any diagnosis is printed
        SignatureCatalog catalog = signatures == null ? SignatureCatalog.bundled() : SignatureCatalog.load(Inputs.catalogueDir(signatures));
        OfflineDiagnoser diagnoser = new OfflineDiagnoser(catalog);
        DiagnosisPrinter printer = new DiagnosisPrinter(System.out, !readable);
        for (Path file : files) {
            input.read(file, record -> {
                for (Diagnosis d : diagnoser.accept(record)) {
                    printer.print(d);
                }
            });
        }
        System.out.flush();
        return 0;
    }
}
