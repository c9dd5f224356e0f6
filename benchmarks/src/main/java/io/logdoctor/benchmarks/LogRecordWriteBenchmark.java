package io.logdoctor.benchmarks;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.logdoctor.patterns.SignatureCatalog;
import io.logdoctor.records.Json;
import io.logdoctor.records.LogRecord;
import io.logdoctor.records.LogRecordJson;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Issue 16 point 4: the shipper writes one logs.raw JSON value per line. {@code jackson} is what it did
 * ({@code ObjectMapper.writeValueAsBytes}), {@code handWritten} is {@link LogRecordJson} (the same bytes),
 * over the mixed corpus's real lines with a pod's metadata; records per second, one thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class LogRecordWriteBenchmark {

    private LogRecord[] records;
    private int next;
    private final LogRecordJson writer = new LogRecordJson();

    @Setup
    public void setup() {
        List<String> lines = MixedCorpus.lines(SignatureCatalog.bundled());
        records = new LogRecord[lines.size()];
        for (int i = 0; i < records.length; i++) {
            records[i] = LogRecord.k8s("2026-01-01T00:00:00.000000000Z", "prod-eu-west-1", "ip-10-0-1-23.eu-west-1.compute.internal",
                    "shop", "orders-7d9f8b6c5-x2x9q", "orders", "stdout", lines.get(i),
                    "/var/log/pods/shop_orders-7d9f8b6c5-x2x9q_6f1d8a52-0c3e-4a57-9b7e-2d5c8e1f4a90/orders/0.log", 1L << 20, false);
        }
    }

    @Benchmark
    public byte[] jackson() throws JsonProcessingException {
        return Json.MAPPER.writeValueAsBytes(nextRecord());
    }

    @Benchmark
    public byte[] handWritten() {
        return writer.write(nextRecord());
    }

    private LogRecord nextRecord() {
        LogRecord r = records[next];
        next = next + 1 == records.length ? 0 : next + 1;
        return r;
    }
}
