package io.logdoctor.shipper.lambda;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * What one request holds in memory, charged to the receiver's {@link InflightBudget} as it is read, and
 * its limit on inflated bytes (the body after gunzip plus every record's payload after gunzip).
 *
 * <p>Bytes held as they are (the body off the wire, base64-decoded records) cost one each. A byte of
 * JSON parsed costs {@link #PARSED_COST}: the Jackson tree of a CloudWatch or Telemetry event and the
 * {@code logs.raw} records made from it take several times the JSON text on the heap (object headers,
 * a map per event, the line, time and request id strings), and the records stay until Kafka has them.
 */
final class RequestBudget implements AutoCloseable {

    /** Heap bytes per byte of JSON parsed; with it 5 concurrent 8 MiB batches stay inside -Xmx256m (LambdaMemoryIT). */
    static final int PARSED_COST = 4;

    private final InflightBudget global;
    private final InflightBudget.Claim claim;
    private final long maxInflated;
    private long inflated;
    private long prepaid;

    RequestBudget(InflightBudget global, long maxInflated) {
        this.global = global;
        this.claim = global.open();
        this.maxInflated = maxInflated;
    }

    /** For tests and files: no global budget, no limit beyond the per-record one. */
    static RequestBudget unbounded() {
        return new RequestBudget(new InflightBudget(Long.MAX_VALUE), Long.MAX_VALUE);
    }

    /** Bytes held as they are. */
    void held(long bytes) throws LimitExceeded {
        reserve(bytes);
    }

    /**
     * Reserves now the parsing of {@code bytes} of JSON that will follow, so concurrent requests are
     * admitted or refused whole, rather than each taking part of the budget and all failing half-way.
     */
    void expectParsed(long bytes) throws LimitExceeded {
        reserve(bytes * PARSED_COST);
        prepaid += bytes * PARSED_COST;
    }

    /** Bytes of JSON about to be parsed, after any gunzip. */
    void parsed(long bytes) throws LimitExceeded {
        inflated += bytes;
        if (inflated > maxInflated) {
            throw LimitExceeded.tooLarge("the request inflates past " + maxInflated + " bytes of JSON in all (body and records);"
                    + " refused as a decompression bomb. Lower the Firehose buffering hint");
        }
        long cost = bytes * PARSED_COST;
        long fromPrepaid = Math.min(prepaid, cost);
        prepaid -= fromPrepaid;
        if (cost > fromPrepaid) {
            reserve(cost - fromPrepaid);
        }
    }

    private void reserve(long bytes) throws LimitExceeded {
        boolean reserved;
        try {
            reserved = global.reserve(claim, bytes);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reserved = false;
        }
        if (!reserved) {
            throw new LimitExceeded(503, "the receiver's requests in flight hold " + global.used() + " of its "
                    + global.capacity() + " bytes; retry");
        }
    }

    /** {@code in} (JSON text) with each byte read charged through {@link #parsed}, and at most {@code limit} bytes of it. */
    InputStream parsing(InputStream in, long limit, String what) {
        return new FilterInputStream(in) {
            private long count;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) {
                    count += n;
                    if (count > limit) {
                        throw LimitExceeded.tooLarge(what + " inflates past the limit of " + limit
                                + " bytes; refused as a decompression bomb");
                    }
                    parsed(n);
                }
                return n;
            }
        };
    }

    @Override
    public void close() {
        global.close(claim);
    }
}
