package io.logdoctor.records;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * In front of every route of a {@link GuardedHttpServer}: the bearer token (protected routes only),
 * the bound on requests worked on at once (503 + {@code Retry-After} past it), and the read deadline
 * around the request body and each write of the answer ({@link RequestDeadlines}).
 */
final class RequestGuard extends Filter {

    /** Seconds a client is asked to wait after a 503: a worker is usually free again by then. */
    static final String RETRY_AFTER_SECONDS = "1";
    /**
     * A refused request's body is read off into nothing up to this much (the largest body a route takes),
     * so its sender gets the 401 or 503 instead of a connection reset mid-upload; the read deadline bounds
     * the time, and a larger body is cut off as the JDK server does (it drains 64 KiB, then closes).
     */
    static final long MAX_DRAIN_BYTES = 8L * 1024 * 1024;

    private final Semaphore permits;
    private final byte[] tokenDigest;
    private final AtomicLong busy;
    private final AtomicLong unauthorized;

    /** {@code token} null: the route is open. */
    RequestGuard(Semaphore permits, String token, AtomicLong busy, AtomicLong unauthorized) {
        this.permits = permits;
        this.tokenDigest = token == null ? null : sha256(token);
        this.busy = busy;
        this.unauthorized = unauthorized;
    }

    @Override
    public String description() {
        return "logdoctor request guard: bearer token, worker bound, read deadline";
    }

    @Override
    public void doFilter(HttpExchange ex, Chain chain) throws IOException {
        RequestDeadlines.Deadline deadline = RequestDeadlines.current();
        if (deadline != null) {
            ex.setStreams(new DeadlineInput(ex.getRequestBody(), deadline, declaredLength(ex)),
                    new DeadlineOutput(ex.getResponseBody(), deadline));
            if (!hasBody(ex)) {
                deadline.disarm(); // the client has sent all it will; what follows is our work
            }
        }
        try {
            if (tokenDigest != null && !authorized(ex.getRequestHeaders().getFirst("Authorization"))) {
                unauthorized.incrementAndGet();
                drain(ex);
                ex.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"logdoctor\"");
                HealthServer.send(ex, 401, "missing or wrong bearer token: send Authorization: Bearer <token>\n", "text/plain");
                return;
            }
            if (!permits.tryAcquire()) {
                busy.incrementAndGet();
                drain(ex);
                ex.getResponseHeaders().set("Retry-After", RETRY_AFTER_SECONDS);
                HealthServer.send(ex, 503, "busy: every worker is taken; retry after " + RETRY_AFTER_SECONDS + " s\n", "text/plain");
                return;
            }
            try {
                chain.doFilter(ex);
            } finally {
                permits.release();
            }
        } finally {
            if (deadline != null) {
                deadline.arm(); // the JDK may still drain an unread body when the exchange closes
            }
            ex.close();
        }
    }

    /** Digests first: {@link MessageDigest#isEqual} is constant-time over equal lengths only; hashing hides the length too. */
    private boolean authorized(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return MessageDigest.isEqual(tokenDigest, sha256(header.substring(7).strip()));
    }

    private static boolean hasBody(HttpExchange ex) {
        String length = ex.getRequestHeaders().getFirst("Content-Length");
        return ex.getRequestHeaders().containsKey("Transfer-Encoding") || (length != null && !length.strip().equals("0"));
    }

    private static void drain(HttpExchange ex) throws IOException {
        long length = declaredLength(ex);
        if (length > 0 && length <= MAX_DRAIN_BYTES) {
            ex.getRequestBody().transferTo(OutputStream.nullOutputStream());
        }
    }

    /** The body's Content-Length, or -1 when it is chunked or does not say. */
    private static long declaredLength(HttpExchange ex) {
        String length = ex.getRequestHeaders().getFirst("Content-Length");
        if (length == null || ex.getRequestHeaders().containsKey("Transfer-Encoding")) {
            return -1;
        }
        try {
            return Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /**
     * Disarms the deadline when the body has been read to its end: its declared length, or the end of
     * the stream (a handler that reads exactly Content-Length bytes never sees the end).
     */
    private static final class DeadlineInput extends FilterInputStream {
        private final RequestDeadlines.Deadline deadline;
        private final long length;
        private long count;

        DeadlineInput(InputStream in, RequestDeadlines.Deadline deadline, long length) {
            super(in);
            this.deadline = deadline;
            this.length = length;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            done(b < 0 ? -1 : 1);
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            done(n);
            return n;
        }

        private void done(int n) {
            count += Math.max(n, 0);
            if (n < 0 || (length >= 0 && count >= length)) {
                deadline.disarm();
            }
        }
    }

    /** Arms the deadline around each write, so a client that stops reading the answer is dropped too. */
    private static final class DeadlineOutput extends FilterOutputStream {
        private final RequestDeadlines.Deadline deadline;

        DeadlineOutput(OutputStream out, RequestDeadlines.Deadline deadline) {
            super(out);
            this.deadline = deadline;
        }

        @Override
        public void write(int b) throws IOException {
            deadline.arm();
            out.write(b);
            deadline.disarm();
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            deadline.arm();
            out.write(b, off, len);
            deadline.disarm();
        }

        @Override
        public void flush() throws IOException {
            deadline.arm();
            out.flush();
            deadline.disarm();
        }

        /** Stays armed: closing may drain an unread request body from the client. */
        @Override
        public void close() throws IOException {
            deadline.arm();
            out.close();
        }
    }
}
