package io.logdoctor.shipper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logdoctor.records.HealthServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The shipper's /metrics stays small however many files it follows. */
class ShipperMetricsTest {

    private static final Pattern FILE_SERIES = Pattern.compile("^logdoctor_shipper_file_lag_bytes\\{file=\"([^\"]+)\"} (\\d+)$",
            Pattern.MULTILINE);

    /** 10,000 followed files, file i lagging i bytes (so 0 for the first). */
    private static Map<String, Long> tenThousandFiles() {
        Map<String, Long> lag = new HashMap<>();
        for (int i = 0; i < 10_000; i++) {
            lag.put("/var/log/pods/ns-" + (i % 50) + "_pod-" + i + "_0a1b2c3d-4e5f-6789-abcd-ef0123456789/app/0.log", (long) i);
        }
        return lag;
    }

    @Test
    void shouldServeTotalsAndOnlyTheFilesThatLagMostAt10000Files() {
        ShipperMetrics metrics = new ShipperMetrics(Clock.systemUTC());
        metrics.roundDone(tenThousandFiles());

        String text = metrics.render();

        // One series per file made 1.15 MB at 10,000 files; the fixed part is about 3 KB, a file series 120 B.
        assertTrue(text.length() < 8 * 1024, "the /metrics body is " + text.length() + " chars");
        assertTrue(text.contains("\nlogdoctor_shipper_files_tailed 10000\n"), text);
        assertTrue(text.contains("\nlogdoctor_shipper_files_lagging 9999\n"), text);
        assertTrue(text.contains("\nlogdoctor_shipper_lag_bytes " + (9_999L * 10_000 / 2) + "\n"), text);
        Matcher m = FILE_SERIES.matcher(text);
        List<Long> shown = new ArrayList<>();
        while (m.find()) {
            assertTrue(m.group(1).contains("_pod-" + m.group(2) + "_"), m.group());
            shown.add(Long.parseLong(m.group(2)));
        }
        assertEquals(ShipperMetrics.TOP_FILES, shown.size());
        assertEquals(9_999L, shown.get(0));
        assertEquals(9_999L - ShipperMetrics.TOP_FILES + 1, shown.get(shown.size() - 1));
    }

    @Test
    void shouldLeaveOutFilesWithNothingToRead() {
        ShipperMetrics metrics = new ShipperMetrics(Clock.systemUTC());
        metrics.roundDone(Map.of("/a/0.log", 0L, "/b/0.log", 5L, "/c/\"quoted\".log", 7L));

        String text = metrics.render();

        assertTrue(text.contains("logdoctor_shipper_file_lag_bytes{file=\"/c/\\\"quoted\\\".log\"} 7\n"
                + "logdoctor_shipper_file_lag_bytes{file=\"/b/0.log\"} 5\n"), text);
        assertTrue(!text.contains("/a/0.log"), text);
        assertTrue(text.contains("\nlogdoctor_shipper_files_tailed 3\n"), text);
    }

    @Test
    void shouldServeTheBoundedBodyOverHttp() throws Exception {
        ShipperMetrics metrics = new ShipperMetrics(Clock.systemUTC());
        metrics.roundDone(tenThousandFiles());
        HealthServer server = new HealthServer(0, "test-metrics", () -> true, metrics::render);
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());

            assertEquals(200, response.statusCode());
            assertTrue(response.body().length() < 8 * 1024, "the /metrics body is " + response.body().length() + " chars");
            assertEquals(ShipperMetrics.TOP_FILES, FILE_SERIES.matcher(response.body()).results().count());
        } finally {
            server.close();
        }
    }
}
