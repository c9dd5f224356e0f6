package io.logdoctor.patterns;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BudgetTripsExcerptTest {

    @Test
    void shouldRedactTheExcerptItLogs() {
        assertEquals("level=error password=[REDACTED] user=admin", BudgetTrips.excerpt("level=error password=hunter2 user=admin"));
    }

    @Test
    void shouldRedactASecretThatStraddlesTheCut() {
        String excerpt = BudgetTrips.excerpt("x".repeat(190) + " AKIAIOSFODNN7EXAMPLE tail");
        assertEquals("x".repeat(190) + " [REDACTED...(16 more chars)", excerpt);
    }
}
