package io.logdoctor.deploy;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PromQlTest {

    @Test
    void findsTheMetricsNotTheFunctionsLabelsOrVariables() {
        assertEquals(Set.of("logdoctor_matches_total"),
                PromQl.metricNames("topk(10, sum by (signature) (rate(logdoctor_matches_total{namespace=~\"$namespace\"}[$__rate_interval])))"));
        assertEquals(Set.of("a_seconds", "b_bytes"),
                PromQl.metricNames("a_seconds > 600\n  and on (pod) b_bytes > 0"));
        assertEquals(Set.of("x_total", "y"),
                PromQl.metricNames("sum(rate(x_total[5m] offset 1h)) without (instance) / ignoring(reason) group_left y == bool 1e3"));
        assertEquals(Set.of(), PromQl.metricNames("{__name__=~\"logdoctor_.+\", job='a\\'b'}"));
    }

    @Test
    void aSelectorWithoutItsEndIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> PromQl.metricNames("x{job=\"a\""));
    }
}
