package io.logdoctor.shipper.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import io.logdoctor.records.Json;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the request id in a Lambda log line, in either log format: text
 * ({@code START RequestId: <id> Version: $LATEST}, {@code REPORT RequestId: <id>\tDuration: ...},
 * runtime lines {@code <time>\t<id>\t<LEVEL>\t<message>}) and JSON ({@code "requestId"} of a function
 * line, {@code record.requestId} of a platform event).
 */
final class LambdaLine {

    private static final Pattern PLATFORM = Pattern.compile("^(?:START|END|REPORT|INIT_REPORT|RESTORE_REPORT) RequestId: ([0-9a-fA-F-]{8,})");
    // Runtime lines are "<time>\t<request id>\t<LEVEL>\t<message>"; the platform's own timeout line
    // separates the same fields with spaces: "<time> <request id> Task timed out after 3.00 seconds".
    private static final Pattern RUNTIME = Pattern.compile("^\\d{4}-\\d\\d-\\d\\dT\\S+[\\t ]([0-9a-fA-F]{8}-[0-9a-fA-F-]{27,})[\\t ]");

    private LambdaLine() {
    }

    /** The request id the line belongs to, or null when it names none. */
    static String requestId(String line) {
        Matcher m = PLATFORM.matcher(line);
        if (m.find()) {
            return m.group(1);
        }
        m = RUNTIME.matcher(line);
        if (m.find()) {
            return m.group(1);
        }
        if (line.startsWith("{") && line.contains("equestId")) {
            try {
                JsonNode node = Json.MAPPER.readTree(line);
                JsonNode id = node.hasNonNull("requestId") ? node.get("requestId") : node.path("record").get("requestId");
                return id != null && id.isTextual() ? id.asText() : null;
            } catch (IOException e) {
                return null; // a line that only looks like JSON is still a line
            }
        }
        return null;
    }

    /** The function name of a {@code /aws/lambda/<name>} log group, else the group itself. */
    static String functionOf(String logGroup) {
        String prefix = "/aws/lambda/";
        return logGroup != null && logGroup.startsWith(prefix) ? logGroup.substring(prefix.length()) : logGroup;
    }
}
