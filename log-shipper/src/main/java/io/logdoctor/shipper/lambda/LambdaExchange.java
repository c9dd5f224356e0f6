package io.logdoctor.shipper.lambda;

import com.sun.net.httpserver.HttpExchange;
import io.logdoctor.records.Json;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * One HTTP request to the receiver: its headers and query, its body read within a size limit (and
 * gunzipped within the same limit as it is parsed), and the JSON answer.
 *
 * <p>The limit is enforced while reading, so neither a lying or missing {@code Content-Length} nor a
 * small gzip that inflates to gigabytes can make the receiver hold more than the limit in memory; every
 * byte held is charged to the request's {@link RequestBudget}.
 */
final class LambdaExchange {

    private final HttpExchange exchange;

    LambdaExchange(HttpExchange exchange) {
        this.exchange = exchange;
    }

    String method() {
        return exchange.getRequestMethod();
    }

    /** The first value of a request header, or null. */
    String header(String name) {
        return exchange.getRequestHeaders().getFirst(name);
    }

    /** The query parameters, decoded; the first value wins when a name repeats. */
    Map<String, String> query() {
        Map<String, String> params = new HashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.putIfAbsent(name, value);
        }
        return params;
    }

    /**
     * The request body as a stream of JSON text, gunzipped as it is read when {@code Content-Encoding: gzip}.
     * The body is read off the wire whole first (so the client's part ends before parsing starts) and
     * charged to {@code budget}; the JSON is charged as it is parsed.
     *
     * @throws LambdaHttpError 413 when the declared length, the bytes read, or the inflated bytes pass
     *                         {@code maxBytes}; 503 when the receiver's in-flight budget is full; 400 for a
     *                         body that is not the gzip it claims or an encoding other than gzip
     * @throws IOException     when the connection fails while reading
     */
    InputStream json(int maxBytes, RequestBudget budget) throws LambdaHttpError, IOException {
        String declared = header("Content-Length");
        long length = -1;
        if (declared != null) {
            try {
                length = Long.parseLong(declared.trim());
            } catch (NumberFormatException e) {
                throw LambdaHttpError.badRequest("Content-Length is not a number; was '" + declared + "'");
            }
            // Refused before reading: the server drains a little and then closes the connection.
            if (length > maxBytes) {
                throw LambdaHttpError.tooLarge("request body of " + length + " bytes is over the limit of " + maxBytes + " bytes");
            }
        }
        byte[] raw;
        try {
            raw = length >= 0 ? readExactly(exchange.getRequestBody(), (int) length, budget) : readAtMost(exchange.getRequestBody(), maxBytes, budget);
        } catch (LimitExceeded e) {
            if (e.status() == 503) {
                // Read the body off into nothing (no memory; the read deadline bounds the time), so the
                // sender gets the 503 and its Retry-After rather than a connection reset mid-upload.
                exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
            }
            throw e.toHttpError();
        }
        String encoding = header("Content-Encoding");
        if (encoding == null || encoding.isBlank() || encoding.trim().equalsIgnoreCase("identity")) {
            return budget.parsing(new ByteArrayInputStream(raw), maxBytes, "request body");
        }
        if (!encoding.trim().equalsIgnoreCase("gzip")) {
            throw LambdaHttpError.badRequest("Content-Encoding '" + encoding + "' is not supported; send gzip or none");
        }
        try {
            return budget.parsing(new GZIPInputStream(new ByteArrayInputStream(raw)), maxBytes, "request body after gunzip");
        } catch (IOException e) {
            throw LambdaHttpError.badRequest("Content-Encoding is gzip but the body is not valid gzip: " + e.getMessage());
        }
    }

    /**
     * A body of declared length: reserved first, with the parsing of at least as many bytes of JSON (so
     * the request is admitted whole or refused before it reads), then read into an array of that size.
     */
    private static byte[] readExactly(InputStream in, int length, RequestBudget budget) throws IOException {
        budget.held(length);
        budget.expectParsed(length);
        byte[] body = in.readNBytes(length);
        if (body.length < length) {
            throw new IOException("the client sent " + body.length + " of the " + length + " bytes it declared");
        }
        return body;
    }

    /** A chunked body: read to the end, or 413 as soon as more than {@code maxBytes} arrive. */
    private static byte[] readAtMost(InputStream in, int maxBytes, RequestBudget budget) throws LambdaHttpError, IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        byte[] buffer = new byte[64 * 1024];
        int n;
        while ((n = in.read(buffer)) > 0) {
            if ((long) out.size() + n > maxBytes) {
                throw LambdaHttpError.tooLarge("request body is over the limit of " + maxBytes + " bytes");
            }
            budget.held(2L * n); // the buffer and its final copy
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    /**
     * Answers with {@code body} as JSON. Firehose requires {@code Content-Type: application/json}, a
     * {@code Content-Length} and no {@code Content-Encoding}, which {@link HttpExchange} gives a fixed-length
     * body by default.
     */
    void respond(int status, Object body) throws IOException {
        byte[] bytes = Json.MAPPER.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        if (status == 503) {
            exchange.getResponseHeaders().set("Retry-After", "1"); // busy now: memory is released as requests finish
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    void close() {
        exchange.close();
    }
}
