package io.logdoctor.shipper.lambda;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TelemetryStreamTest {

    @Test
    void shouldNameTheStreamFromQueryOrHeadersAndSayWhatIsMissing() {
        assertEquals(new TelemetryStream("checkout", "/aws/lambda/checkout", "s"),
                TelemetryStream.of(Map.of("function", "checkout", "logStream", "s"), h -> null));
        assertEquals(new TelemetryStream("checkout", "/aws/lambda/checkout", "s"),
                TelemetryStream.of(Map.of(), h -> Map.of(TelemetryStream.LOG_GROUP_HEADER, "/aws/lambda/checkout",
                        TelemetryStream.LOG_STREAM_HEADER, "s").get(h)));
        assertEquals(new TelemetryStream("checkout", "/custom/group", "s"),
                TelemetryStream.of(Map.of("function", "checkout", "logGroup", "/custom/group", "logStream", "s"), h -> null));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TelemetryStream.of(Map.of("logStream", "s"), h -> null))
                .getMessage().startsWith("say which function the batch is from: ?function=<AWS_LAMBDA_FUNCTION_NAME>"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TelemetryStream.of(Map.of("function", "f"), h -> null))
                .getMessage().startsWith("say which log stream the batch is from: ?logStream=<AWS_LAMBDA_LOG_STREAM_NAME>"));
    }
}
