package io.logdoctor.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.logdoctor.broker.EmbeddedKafka;
import io.logdoctor.broker.EmbeddedKafkaExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every metric the alert rules and the Grafana dashboard name is one the services export: the shipper, the
 * streams app and the notifier run on the embedded broker, their /metrics are scraped over HTTP, and each
 * expression's metric names must be among the scraped ones. A renamed or removed metric fails here, not in
 * someone's empty panel or silent alert.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class MetricNamesIT {

    private static final Path RULES = Path.of("prometheus", "rules.yaml");
    private static final Path DASHBOARD = Path.of("grafana", "logdoctor.json");
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((.*),\\s*\\w+\\s*\\)", Pattern.DOTALL);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** The dashboard's rows, by the start of their title, and the service whose /metrics each row shows. */
    private static final Map<String, String> ROWS = Map.of("log-shipper", "shipper", "streams-app", "streams app", "notifier", "notifier");

    /** Each service's /metrics body, scraped once for both tests. */
    private static Map<String, String> bodies;

    @BeforeAll
    static void scrape(EmbeddedKafka kafka, @TempDir Path work) throws Exception {
        bodies = scrapeTheServices(kafka.bootstrapServers(), work);
    }

    /** promtool check metrics: HELP and TYPE on every family, counters end in _total, base units, no bad names. */
    @Test
    void everyServicesMetricsPassPromtool() throws Exception {
        assumeTrue(Promtool.installed(), Promtool.MISSING);
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, String> e : bodies.entrySet()) {
            for (String family : List.of("jvm_memory_used_bytes", "process_cpu_usage", "logdoctor_build_info", "kafka_")) {
                if (!e.getValue().contains("\n" + family)) {
                    failures.add(e.getKey() + " serves no " + family + "*");
                }
            }
            Promtool.Result r = Promtool.run(e.getValue(), "check", "metrics");
            System.out.printf("MetricNamesIT: %s /metrics, %d lines: promtool check metrics exit %d %s%n", e.getKey(),
                    e.getValue().lines().count(), r.exit(), r.output().strip());
            if (r.exit() != 0) {
                failures.add(e.getKey() + ": " + r.output());
            }
        }
        assertEquals(List.of(), failures);
    }

    /** The Lambda receiver the shipper owns binds its meters to the shipper's registry: one /metrics per process. */
    @Test
    void theShippersMetricsIncludeItsLambdaReceiver() {
        String shipper = bodies.get("shipper");
        for (String family : List.of("logdoctor_lambda_inflight_bytes ", "logdoctor_lambda_inflight_budget_bytes ")) {
            assertTrue(shipper.contains("\n" + family), () -> "the shipper serves no " + family + ":\n" + shipper);
        }
    }

    @Test
    void everyRuleAndPanelNamesAnExportedMetric() throws Exception {
        Map<String, Set<String>> byService = new TreeMap<>();
        bodies.forEach((service, body) -> byService.put(service, names(service, body)));
        Set<String> exported = new TreeSet<>();
        byService.values().forEach(exported::addAll);

        Map<String, String> expressions = new TreeMap<>();
        for (JsonNode group : HelmChart.YAML.readTree(RULES.toFile()).path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                expressions.put("rule " + rule.path("alert").asText(rule.path("record").asText()), rule.path("expr").asText());
            }
        }
        JsonNode dashboard = JsonMapper.builder().build().readTree(DASHBOARD.toFile());
        Map<String, String> rowOf = new TreeMap<>();
        dashboardQueries(dashboard.path("panels"), null, expressions, rowOf);
        assertTrue(expressions.size() > 20, "rules and panels found: " + expressions.keySet());
        assertEquals(new TreeSet<>(ROWS.values()), new TreeSet<>(rowOf.values()), "one row per service");

        List<String> unknown = new ArrayList<>();
        // One row per service: a row's panels show that service's metrics, not another's.
        rowOf.forEach((query, service) -> PromQl.metricNames(expressions.get(query)).stream()
                .filter(n -> exported.contains(n) && !byService.get(service).contains(n))
                .forEach(n -> unknown.add(query + " is in the " + service + "'s row but " + n + " is not its metric")));
        for (Map.Entry<String, String> e : expressions.entrySet()) {
            Set<String> names = PromQl.metricNames(e.getValue());
            if (names.isEmpty()) {
                unknown.add(e.getKey() + " names no metric: " + e.getValue());
            }
            names.stream().filter(n -> !exported.contains(n)).forEach(n -> unknown.add(e.getKey() + ": " + n));
        }
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            JsonNode query = variable.path("query");
            String text = query.isObject() ? query.path("query").asText() : query.asText();
            Matcher m = LABEL_VALUES.matcher(text);
            if (m.matches()) {
                PromQl.metricNames(m.group(1)).stream().filter(n -> !exported.contains(n))
                        .forEach(n -> unknown.add("variable " + variable.path("name").asText() + ": " + n));
            }
        }
        assertEquals(List.of(), unknown, "metrics no service exports; they do export: " + exported);
    }

    /** Starts the three services as their commands do and returns each one's /metrics body. */
    private static Map<String, String> scrapeTheServices(String bootstrap, Path work) throws Exception {
        Map<String, String> bodies = new TreeMap<>();
        try (ThreeServices services = new ThreeServices(bootstrap, work, "metric-names")) {
            for (Map.Entry<String, Integer> s : services.ports.entrySet()) {
                bodies.put(s.getKey(), scrape(s.getKey(), s.getValue()));
            }
        }
        return bodies;
    }

    /** One /metrics body, once the service's Kafka clients have connected (their metrics are there). */
    private static String scrape(String service, int port) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), service + " /metrics: " + r.body());
            if (r.body().contains("\nkafka_") || System.nanoTime() > deadline) {
                return r.body();
            }
            Thread.sleep(200);
        }
    }

    /** The names in one /metrics: each # TYPE line's and each sample's (a family without samples still has its TYPE). */
    private static Set<String> names(String service, String body) {
        Set<String> names = new TreeSet<>();
        for (String line : body.split("\n")) {
            if (line.startsWith("# TYPE ")) {
                names.add(line.split(" ")[2]);
            } else if (!line.isBlank() && !line.startsWith("#")) {
                names.add(line.split("[{ ]", 2)[0]);
            }
        }
        if (names.isEmpty()) {
            fail(service + " exports no metric: " + body);
        }
        return names;
    }

    /** Each panel query into {@code out}, and into {@code rowOf} the service of the row it sits under. */
    private static void dashboardQueries(JsonNode panels, String service, Map<String, String> out, Map<String, String> rowOf) {
        for (JsonNode panel : panels) {
            if (panel.path("type").asText().equals("row")) {
                String title = panel.path("title").asText();
                service = ROWS.entrySet().stream().filter(r -> title.startsWith(r.getKey())).map(Map.Entry::getValue)
                        .findFirst().orElseThrow(() -> new AssertionError("row '" + title + "' is no service's; rows: " + ROWS.keySet()));
            }
            for (JsonNode target : panel.path("targets")) {
                String query = "panel '" + panel.path("title").asText() + "' " + target.path("refId").asText();
                out.put(query, target.path("expr").asText());
                if (service != null) {
                    rowOf.put(query, service);
                }
            }
            dashboardQueries(panel.path("panels"), service, out, rowOf); // a collapsed row holds its panels
        }
    }
}
