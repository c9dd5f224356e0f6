package io.logdoctor.cli;

import io.logdoctor.patterns.SignatureCatalog;
import io.logdoctor.streams.DiagnosisApp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code logdoctor streams}: the diagnosis topology against a Kafka cluster. */
@Command(name = "streams", mixinStandardHelpOptions = true,
        description = "Run the streams app: logs.raw -> signatures -> diagnoses. Settings also come from "
                + "LOGDOCTOR_* environment variables and the --config file.")
final class StreamsCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--state-dir", paramLabel = "DIR", description = "Local state (default: ~/.logdoctor/streams).")
    String stateDir;

    @Option(names = "--signatures", paramLabel = "DIR", description = "A signature catalogue directory (default: the bundled catalogue).")
    String signatures;

    @Override
    public Integer call() throws Exception {
        Settings settings = kafka.settings();
        String bootstrap = kafka.bootstrapServers(settings);
        Path state = Path.of(settings.get("state-dir", stateDir, System.getProperty("user.home") + "/.logdoctor/streams"));
        String catalogDir = settings.get("signatures", signatures, null);
        SignatureCatalog catalog = catalogDir == null ? SignatureCatalog.bundled() : SignatureCatalog.load(Path.of(catalogDir));
        Services.createTopics(bootstrap, settings.kafkaProperties(), 3, (short) -1);
        DiagnosisApp app = DiagnosisApp.start(bootstrap, state, catalog, settings.kafkaProperties());
        System.err.println("logdoctor streams: running against " + bootstrap + " with " + catalog.signatures().size()
                + " signatures; Ctrl-C stops it");
        Services.runUntilStopped(app);
        return 0;
    }
}
