package io.logdoctor.shipper.lambda;

import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Which Lambda log stream a Telemetry API batch belongs to. The events themselves do not say: the relay
 * extension that forwards them knows it from its environment ({@code AWS_LAMBDA_FUNCTION_NAME},
 * {@code AWS_LAMBDA_LOG_GROUP_NAME}, {@code AWS_LAMBDA_LOG_STREAM_NAME}) and passes it as query
 * parameters {@code function}, {@code logGroup}, {@code logStream}, or as headers
 * {@code X-Logdoctor-Function}, {@code X-Logdoctor-Log-Group}, {@code X-Logdoctor-Log-Stream}
 * (the query wins).
 *
 * <p>With only a function, the log group is Lambda's default {@code /aws/lambda/<function>}; with only a
 * log group of that form, the function is taken from it. The log stream is required: it is half the
 * Kafka key that keeps one execution environment's lines in order.
 */
record TelemetryStream(String function, String logGroup, String logStream) {

    static final String FUNCTION_HEADER = "X-Logdoctor-Function";
    static final String LOG_GROUP_HEADER = "X-Logdoctor-Log-Group";
    static final String LOG_STREAM_HEADER = "X-Logdoctor-Log-Stream";

    /**
     * The stream named by a request's query parameters or headers.
     *
     * @param headers the request's header lookup (first value, or null)
     * @throws IllegalArgumentException naming what is missing
     */
    static TelemetryStream of(Map<String, String> query, UnaryOperator<String> headers) {
        String function = either(query.get("function"), headers.apply(FUNCTION_HEADER));
        String logGroup = either(query.get("logGroup"), headers.apply(LOG_GROUP_HEADER));
        String logStream = either(query.get("logStream"), headers.apply(LOG_STREAM_HEADER));
        if (function == null && logGroup == null) {
            throw new IllegalArgumentException("say which function the batch is from: ?function=<AWS_LAMBDA_FUNCTION_NAME>"
                    + " or ?logGroup=<AWS_LAMBDA_LOG_GROUP_NAME> (or the " + FUNCTION_HEADER + " / " + LOG_GROUP_HEADER + " headers)");
        }
        if (logStream == null) {
            throw new IllegalArgumentException("say which log stream the batch is from: ?logStream=<AWS_LAMBDA_LOG_STREAM_NAME>"
                    + " (or the " + LOG_STREAM_HEADER + " header)");
        }
        if (logGroup == null) {
            logGroup = "/aws/lambda/" + function;
        }
        if (function == null) {
            function = LambdaLine.functionOf(logGroup);
        }
        return new TelemetryStream(function, logGroup, logStream);
    }

    private static String either(String first, String second) {
        if (first != null && !first.isBlank()) {
            return first;
        }
        return second == null || second.isBlank() ? null : second;
    }
}
