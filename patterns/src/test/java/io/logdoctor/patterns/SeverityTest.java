package io.logdoctor.patterns;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.logdoctor.records.Diagnosis;
import org.junit.jupiter.api.Test;

class SeverityTest {

    @Test
    void shouldOfferTheSeveritiesDiagnosesCarry() {
        // The notifier, which has no catalogue, checks routes against the records' list.
        assertEquals(Diagnosis.SEVERITIES, Severity.labels());
    }
}
