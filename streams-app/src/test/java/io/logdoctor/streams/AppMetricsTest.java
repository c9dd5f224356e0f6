package io.logdoctor.streams;

import io.logdoctor.records.ServiceMetrics;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

class AppMetricsTest {

    @Test
    void theRecordsNeverDecodedAreOnMetricsBesideTheRecordsRead() {
        try (ServiceMetrics registry = ServiceMetrics.bare()) {
            AppMetrics metrics = new AppMetrics(registry);
            metrics.recordsIn.add(10);
            metrics.recordsSkipped.add(7);

            String text = registry.scrape();

            assertTrue(text.contains("\nlogdoctor_records_in_total 10.0\n"), text);
            assertTrue(text.contains("\nlogdoctor_records_skipped_total 7.0\n"), text);
        }
    }
}
