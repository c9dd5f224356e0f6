package io.logdoctor.notifier;

import io.logdoctor.records.Diagnosis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class ConfigFileTest {

    static final String ROUTES = """
            groupId: notifier-test
            httpTimeout: 5s
            retry: {initial: 500ms, max: 2m, stuckAfterAttempts: 4}
            kafka:
              security.protocol: SASL_SSL
            destinations:
              oncall:
                pagerduty: {routingKey: "${PD_KEY}"}
              sre:
                slack: {webhookUrl: "${SLACK_URL}"}
              platform:
                slack: {webhookUrl: "https://hooks.slack.com/services/T0/B1/platform"}
            routes:
              - name: page-critical-node-networking
                severity: [critical]
                signaturePrefix: [vpc-cni/, aws-iam/]
                to: [oncall, sre]
                continue: true
              - name: platform-namespaces
                namespace: [kube-system, monitoring]
                to: [platform]
              - name: everything-else
                to: sre
            """;
    static final Map<String, String> ENV = Map.of("PD_KEY", "R0123456789abcdef0123456789abcdef",
            "SLACK_URL", "https://hooks.slack.com/services/T0/B0/secret");

    @TempDir
    Path dir;

    private NotifierConfig load(String yaml) throws IOException {
        return RoutesFiles.load(dir, yaml, ENV);
    }

    private String error(String yaml) {
        return RoutesFiles.error(dir, yaml, ENV);
    }

    @Test
    void shouldPagePerIncidentUnlessTheFileAsksForDiagnoses() throws IOException {
        assertEquals(NotifierConfig.Source.INCIDENTS, load(ROUTES).source());
        assertEquals(NotifierConfig.Source.DIAGNOSES, load("source: diagnoses\n" + ROUTES).source());
        assertEquals("source: must be incidents or diagnoses; was 'pods'", error("source: pods\n" + ROUTES));
    }

    @Test
    void shouldReadRoutesDestinationsAndSettingsWithSecretsFromTheEnvironment() throws IOException {
        NotifierConfig config = load(ROUTES);

        assertEquals("notifier-test", config.groupId());
        assertEquals(Duration.ofSeconds(5), config.httpTimeout());
        assertEquals(new RetryPolicy(Duration.ofMillis(500), Duration.ofMinutes(2), 4), config.retry());
        assertEquals(Map.of("security.protocol", "SASL_SSL"), config.kafka());
        assertEquals(3, config.routes().size());
        Route first = config.routes().get(0);
        assertEquals(new PagerDuty("oncall", "R0123456789abcdef0123456789abcdef", PagerDuty.EVENTS), first.to().get(0));
        assertEquals(new SlackWebhook("sre", URI.create("https://hooks.slack.com/services/T0/B0/secret")), first.to().get(1));
        assertEquals(true, first.continueMatching());
        assertFalse(config.routes().toString().contains("secret"), "destinations never print their credentials");
        assertFalse(config.routes().toString().contains("R0123456789"), config.routes().toString());
    }

    @Test
    void shouldRouteFirstMatchUnlessContinue() throws IOException {
        Router router = new Router(load(ROUTES).routes());
        Diagnosis ipamd = Diagnoses.firing("d-00000000000000000041");   // critical, vpc-cni/, kube-system

        assertEquals(List.of("oncall", "sre", "platform"), names(router.destinations(ipamd)));
        assertEquals(List.of("platform"), names(router.destinations(Diagnoses.severity(ipamd, "warning"))));
        Diagnosis elsewhere = new Diagnosis(1, "d-00000000000000000042", "jenkins/update-center-cache-miss", "t", "error", "firing",
                new Diagnosis.Scope("c", "ci", "jenkins-0", null, null, null, null), null, null, 1, List.of(), "c", List.of("r"), List.of(), null);
        assertEquals(List.of("sre"), names(router.destinations(elsewhere)));
        Diagnosis lambda = new Diagnosis(1, "d-00000000000000000043", "vpc-cni/x", "t", "critical", "firing",
                new Diagnosis.Scope(null, null, null, null, null, "fn", null), null, null, 1, List.of(), "c", List.of("r"), List.of(), null);
        assertEquals(List.of("oncall", "sre"), names(router.destinations(lambda)), "a namespace route never takes a Lambda diagnosis; sre once");
    }

    private static List<String> names(List<Destination> destinations) {
        return destinations.stream().map(Destination::name).toList();
    }

    @Test
    void shouldNameTheKeyAndValueOfEachError() {
        assertEquals("routes[0].severity: must be one of critical, error, warning, info; was 'urgent'",
                error(ROUTES.replace("severity: [critical]", "severity: [urgent]")));
        assertEquals("routes[0].severty: unknown key; expected one of name, severity, namespace, signaturePrefix, to, continue",
                error(ROUTES.replace("severity: [critical]", "severty: [critical]")));
        assertEquals("routes[2].to: unknown destination 'sre2'; known: oncall, sre, platform",
                error(ROUTES.replace("to: sre\n", "to: sre2\n")));
        assertEquals("destinations.oncall.pagerduty.routingKey: environment variable PD_KEY2 is not set",
                error(ROUTES.replace("${PD_KEY}", "${PD_KEY2}")));
        assertEquals("destinations.platform.slack.webhookUrl: must be an http(s) URL",
                error(ROUTES.replace("https://hooks.slack.com/services/T0/B1/platform", "hooks.slack.com")));
        assertEquals("httpTimeout: must be a duration such as 500ms, 10s, 5m or 1h; was '5 seconds'",
                error(ROUTES.replace("httpTimeout: 5s", "httpTimeout: 5 seconds")));
        assertEquals("routes: must be a non-empty list; was array", error(ROUTES.substring(0, ROUTES.indexOf("routes:")) + "routes: []\n"));
    }

    @Test
    void shouldLoadTheShippedExampleRoutes() throws IOException {
        NotifierConfig config = NotifierConfig.load(Path.of("routes.example.yaml"),
                Map.of("PAGERDUTY_ROUTING_KEY", "R0123456789abcdef0123456789abcdef", "SLACK_WEBHOOK_URL", "https://hooks.slack.com/services/T/B/X"));

        assertEquals(3, config.routes().size());
        assertEquals(List.of(), new Router(config.routes()).destinations(Diagnoses.severity(Diagnoses.firing("d-00000000000000000044"), "info")));
    }
}
