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
            ex.setStreams(new DeadlineInput(ex.getRequestBody(), deadline), new DeadlineOutput(ex.getResponseBody(), deadline));
            if (!hasBody(ex)) {
                deadline.disarm(); // the client has sent all it will; what follows is our work
            }
        }
        try {
            if (tokenDigest != null && !authorized(ex.getRequestHeaders().getFirst("Authorization"))) {
                unauthorized.incrementAndGet();
                ex.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"logdoctor\"");
                HealthServer.send(ex, 401, "missing or wrong bearer token: send Authorization: Bearer <token>\n", "text/plain");
                return;
            }
            if (!permits.tryAcquire()) {
                busy.incrementAndGet();
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

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Disarms the deadline when the body has been read to its end. */
    private static final class DeadlineInput extends FilterInputStream {
        private final RequestDeadlines.Deadline deadline;

        DeadlineInput(InputStream in, RequestDeadlines.Deadline deadline) {
            super(in);
            this.deadline = deadline;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b < 0) {
                deadline.disarm();
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n < 0) {
                deadline.disarm();
            }
            return n;
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
