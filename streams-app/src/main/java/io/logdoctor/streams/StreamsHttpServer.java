package io.logdoctor.streams;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.logdoctor.patterns.DiagnosisState;
import io.logdoctor.patterns.Signature;
import io.logdoctor.records.Diagnosis;
import io.logdoctor.records.GuardedHttpServer;
import io.logdoctor.records.HealthServer;
import io.logdoctor.records.HttpOptions;
import io.logdoctor.records.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.function.Supplier;

/**
 * The app's HTTP face: {@code /healthz}, Prometheus {@code /metrics}, {@code /diagnoses} (firing now,
 * from the state stores of every instance: this one's directly, the others' over HTTP), and
 * {@code /signatures} (the loaded catalogue with its version), {@code /incidents} (firing now, grouped,
 * with silences and inhibitions; every instance's) and {@code /silences}, on a {@link GuardedHttpServer}: all but the
 * first three need the bearer token when one is set, and instances send it to each other.
 */
final class StreamsHttpServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StreamsHttpServer.class);

    private final GuardedHttpServer server;
    private final KafkaStreams streams;
    private final CatalogHolder catalog;
    private final HostInfo self;
    private final String bearerToken;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final IncidentQueries queries;

    StreamsHttpServer(int port, HttpOptions options, HostInfo self, KafkaStreams streams, CatalogHolder catalog, AppMetrics metrics,
                      HttpHandler readiness) throws IOException {
        this.streams = streams;
        this.catalog = catalog;
        this.self = self;
        this.bearerToken = options.bearerToken();
        this.queries = new IncidentQueries(streams, catalog);
        this.server = GuardedHttpServer.builder("logdoctor-streams-http", options)
                .route("/healthz", this::health)
                .route("/readyz", readiness)
                .route("/metrics", ex -> send(ex, 200, HealthServer.METRICS_TYPE, metrics.render()))
                .metrics(metrics.registry())
                .protectedRoute("/diagnoses", this::diagnoses)
                .protectedRoute("/signatures", this::signatures)
                .protectedRoute("/incidents", this::incidents)
                .protectedRoute("/silences", this::silences)
                .start(port);
    }

    /** The port the server listens on. */
    int port() {
        return server.port();
    }

    private void health(HttpExchange ex) throws IOException {
        KafkaStreams.State state = streams.state();
        boolean ok = state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING;
        send(ex, ok ? 200 : 503, "text/plain", state.name().toLowerCase() + "\n");
    }

    private void diagnoses(HttpExchange ex) throws IOException {
        gather(ex, this::local, "/diagnoses");
    }

    /** What fires now, grouped: this instance's incidents and, unless {@code local=true}, every other instance's. */
    private void incidents(HttpExchange ex) throws IOException {
        gather(ex, () -> queries.localIncidents(System.currentTimeMillis()), "/incidents");
    }

    /** This instance's answer and, unless {@code local=true}, every other instance's answer to {@code path?local=true}. */
    private void gather(HttpExchange ex, Supplier<List<?>> local, String path) throws IOException {
        boolean localOnly = String.valueOf(ex.getRequestURI().getQuery()).contains("local=true");
        List<Object> all;
        try {
            all = new ArrayList<>(local.get());
        } catch (RuntimeException e) { // stores migrate during a rebalance: say so, let the caller retry
            send(ex, 503, "text/plain", "state stores not queryable now: " + e.getMessage() + "\n");
            return;
        }
        if (!localOnly) {
            for (StreamsMetadata other : streams.metadataForAllStreamsClients()) {
                if (!other.hostInfo().equals(self)) {
                    all.addAll(remote(other.hostInfo(), path + "?local=true"));
                }
            }
        }
        send(ex, 200, "application/json", Json.MAPPER.writeValueAsString(all));
    }

    /** Every silence, from the global store every instance holds whole. */
    private void silences(HttpExchange ex) throws IOException {
        try {
            send(ex, 200, "application/json", Json.MAPPER.writeValueAsString(queries.silences()));
        } catch (RuntimeException e) {
            send(ex, 503, "text/plain", "silences not queryable now: " + e.getMessage() + "\n");
        }
    }

    private List<Diagnosis> local() {
        return FiringDiagnoses.of(streams.store(StoreQueryParameters.fromNameAndType(DiagnosisProcessor.STORE,
                QueryableStoreTypes.<String, DiagnosisState>keyValueStore())), catalog.get());
    }

    private List<JsonNode> remote(HostInfo host, String path) {
        URI uri = URI.create("http://" + host.host() + ":" + host.port() + path);
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5));
            if (bearerToken != null) {
                request.header("Authorization", "Bearer " + bearerToken); // every instance shares the token
            }
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException("HTTP " + response.statusCode());
            }
            return Json.MAPPER.readValue(response.body(), new TypeReference<List<JsonNode>>() { });
        } catch (IOException e) {
            log.warn("cannot read {} of instance {}: {}", path, host, e.getMessage());
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    private void signatures(HttpExchange ex) throws IOException {
        CatalogHolder.Version version = catalog.version();
        List<Map<String, String>> list = new ArrayList<>();
        for (Signature s : version.catalog().signatures()) {
            Map<String, String> entry = new LinkedHashMap<>();
            entry.put("id", s.id());
            entry.put("title", s.title());
            entry.put("severity", s.severity().label());
            entry.put("origin", version.origins().getOrDefault(s.id(), "bundled"));
            String disabled = version.catalog().matcher().disabled().get(s.id());
            if (disabled != null) {
                entry.put("disabled", disabled);
            }
            list.add(entry);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", version.number());
        body.put("signatures", list);
        send(ex, 200, "application/json", Json.MAPPER.writeValueAsString(body));
    }

    private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        HealthServer.send(ex, status, body, type);
    }

    @Override
    public void close() {
        server.close();
    }
}
