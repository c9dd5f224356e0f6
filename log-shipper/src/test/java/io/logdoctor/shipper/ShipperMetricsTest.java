package io.logdoctor.shipper;

import io.logdoctor.records.HealthServer;
import io.logdoctor.records.HttpOptions;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shipper's /metrics stays small however many files it follows. */
class ShipperMetricsTest {

    private static final Pattern FILE_SERIES = Pattern.compile("^logdoctor_shipper_file_lag_bytes\\{file=\"([^\"]+)\"} ([0-9.E]+)$",
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

        // One series per file made 1.15 MB at 10,000 files; the shipper's own part is about 5 KB, a file series 120 B
        // (the JVM, process and build metrics beside it do not grow with files).
        String own = shipperLines(text);
        assertTrue(own.length() < 8 * 1024, "the shipper's part of /metrics is " + own.length() + " chars");
        assertTrue(text.contains("\nlogdoctor_shipper_files_tailed 10000.0\n"), text);
        assertTrue(text.contains("\nlogdoctor_shipper_files_lagging 9999.0\n"), text);
        assertEquals(9_999.0 * 10_000 / 2, value(text, "logdoctor_shipper_lag_bytes"), text);
        Matcher m = FILE_SERIES.matcher(text);
        List<Long> shown = new ArrayList<>();
        while (m.find()) {
            long bytes = (long) Double.parseDouble(m.group(2));
            assertTrue(m.group(1).contains("_pod-" + bytes + "_"), m.group());
            shown.add(bytes);
        }
        shown.sort(Comparator.reverseOrder()); // Prometheus text orders series by label, not by value
        assertEquals(ShipperMetrics.TOP_FILES, shown.size());
        assertEquals(9_999L, shown.get(0));
        assertEquals(9_999L - ShipperMetrics.TOP_FILES + 1, shown.get(shown.size() - 1));
    }

    @Test
    void shouldLeaveOutFilesWithNothingToRead() {
        ShipperMetrics metrics = new ShipperMetrics(Clock.systemUTC());
        metrics.roundDone(Map.of("/a/0.log", 0L, "/b/0.log", 5L, "/c/\"quoted\".log", 7L));

        String text = metrics.render();

        assertTrue(text.contains("logdoctor_shipper_file_lag_bytes{file=\"/c/\\\"quoted\\\".log\"} 7.0\n"), text);
        assertTrue(text.contains("logdoctor_shipper_file_lag_bytes{file=\"/b/0.log\"} 5.0\n"), text);
        assertTrue(!text.contains("/a/0.log"), text);
        assertTrue(text.contains("\nlogdoctor_shipper_files_tailed 3.0\n"), text);
    }

    @Test
    void shouldServeTheBoundedBodyOverHttp() throws Exception {
        ShipperMetrics metrics = new ShipperMetrics(Clock.systemUTC());
        metrics.roundDone(tenThousandFiles());
        HealthServer server = new HealthServer(0, "test-metrics", HttpOptions.defaults(), () -> true, metrics.registry());
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());

            assertEquals(200, response.statusCode());
            assertTrue(shipperLines(response.body()).length() < 8 * 1024, "the shipper's part of /metrics: " + response.body());
            assertEquals(ShipperMetrics.TOP_FILES, FILE_SERIES.matcher(response.body()).results().count());
        } finally {
            server.close();
        }
    }

    /** The lines of {@code text} about the shipper's own metrics. */
    private static String shipperLines(String text) {
        return text.lines().filter(l -> l.contains("logdoctor_shipper_")).collect(Collectors.joining("\n"));
    }

    /** The value of the series written exactly {@code series} (name and labels). */
    static double value(String text, String series) {
        return text.lines().filter(l -> l.startsWith(series + " ")).mapToDouble(l -> Double.parseDouble(l.substring(series.length() + 1)))
                .findFirst().orElseThrow(() -> new AssertionError("no " + series + " in " + text));
    }
}
