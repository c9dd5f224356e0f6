package io.logdoctor.cli;

import io.logdoctor.broker.EmbeddedKafka;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code logdoctor broker}: a real single-node KRaft broker for local use. */
@Command(name = "broker", mixinStandardHelpOptions = true,
        description = "Run a local single-node Kafka broker (KRaft, from Kafka's own Maven artifacts) until Ctrl-C.")
final class BrokerCommand implements Callable<Integer> {

    @Option(names = "--port", description = "Port of the PLAINTEXT listener (default: ${DEFAULT-VALUE}).", defaultValue = "9092")
    int port;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Keep the broker's data in DIR, so topics survive a restart (default: a temporary directory, deleted on exit).")
    Path data;

    @Override
    public Integer call() throws Exception {
        EmbeddedKafka broker = EmbeddedKafka.start(new EmbeddedKafka.Options(port, data));
        Services.createInternalTopics(broker.bootstrapServers());
        System.out.println("bootstrap: " + broker.bootstrapServers());
        System.out.println("(data in " + (data != null ? data : "a temporary directory") + "; Ctrl-C stops the broker)");
        System.out.flush();
        Services.runUntilStopped(broker);
        return 0;
    }
}
