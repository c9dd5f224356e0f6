package io.logdoctor.cli;

import io.logdoctor.notifier.Notifier;
import io.logdoctor.notifier.NotifierConfig;
import io.logdoctor.records.HealthServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code logdoctor notifier}: delivers diagnoses to Slack and PagerDuty as the routes file says. */
@Command(name = "notifier", mixinStandardHelpOptions = true,
        description = "Run the notifier: diagnoses -> Slack (Block Kit) and PagerDuty (Events API v2), routed by the "
                + "--routes file. Settings also come from LOGDOCTOR_* environment variables and the --config file.")
final class NotifierCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    @Mixin
    HttpFlags httpFlags;

    @Option(names = "--routes", paramLabel = "FILE",
            description = "The routes file (YAML): destinations and routes; $${VAR} in a value comes from the environment.")
    Path routes;

    @Option(names = "--http-port", paramLabel = "N", description = "Port of /healthz and /metrics (default: 8081; -1 for none).")
    String httpPort;

    @Override
    public Integer call() throws Exception {
        Settings settings = kafka.settings(ServiceSettings.NOTIFIER);
        String bootstrap = kafka.bootstrapServers(settings);
        Path routesFile = settings.require(NotifierSettings.ROUTES, routes == null ? null : routes.toString());
        int port = settings.get(NotifierSettings.HTTP_PORT, httpPort);
        TopicSettings topics = KafkaOptions.topics(settings);
        NotifierConfig config = NotifierConfig.load(routesFile)
                .withBootstrapServers(bootstrap)
                .withKafkaProperties(settings.kafkaProperties());
        Services.createTopics(bootstrap, topics);
        Notifier notifier = Notifier.start(config);
        HealthServer http = port < 0 ? null : new HealthServer(port, "logdoctor-notifier-http", httpFlags.options(settings),
                notifier::isRunning, notifier.metricsRegistry()).withReadiness(notifier::isReady, notifier::readinessDetail);
        System.err.println("logdoctor notifier: running against " + bootstrap + " with " + config.routes().size()
                + " routes from " + routesFile + (http == null ? "" : "; /healthz and /metrics on port " + http.port())
                + "; Ctrl-C stops it");
        Services.runUntilStopped(() -> {
            if (http != null) {
                http.close();
            }
            notifier.close();
        });
        return 0;
    }
}
