package io.logdoctor.patterns.mining;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ErrorLinesTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"level\":\"error\",\"ts\":\"2024-01-01T00:00:00Z\",\"msg\":\"sync failed\"}",
            "time=2024-01-01T00:00:00Z level=fatal msg=\"cannot start\"",
            "2024-01-01 00:00:00 ERROR [main] c.e.App - boom",
            "[critical] disk controller reset",
            "java.lang.IllegalStateException: pool closed",
            "Traceback (most recent call last):",
            "panic: runtime error: invalid memory address or nil pointer dereference",
            "E0102 15:04:05.000000       1 reflector.go:138] failed to list",
            "F0102 15:04:05.000000       1 main.go:12] cannot continue",
            "process exited with code 137",
            "command failed: exit status 2",
    })
    void shouldSeeAnError(String line) {
        assertTrue(ErrorLines.test(line), line);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"level\":\"info\",\"msg\":\"no errors found\"}",
            "I0102 15:04:05.000000       1 main.go:12] Starting",
            "process exited with code 0",
            "errorCount=0 all good",
            "Error handling is enabled",
            "GET /healthz 200",
    })
    void shouldNotSeeAnError(String line) {
        assertFalse(ErrorLines.test(line), line);
    }
}
