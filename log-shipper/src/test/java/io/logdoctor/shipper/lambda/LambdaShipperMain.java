package io.logdoctor.shipper.lambda;

import io.logdoctor.shipper.LogShipper;
import io.logdoctor.shipper.ShipperConfig;

import io.logdoctor.records.HttpOptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;

/**
 * A shipper process with the Lambda receiver it owns, as {@code logdoctor shipper --lambda-port} runs it, for
 * LambdaMemoryIT: {@code bootstrap podsRoot stateDir portsFile firehoseKey}; writes
 * {@code <metricsPort> <lambdaPort>} to portsFile once listening; runs until killed.
 */
public final class LambdaShipperMain {

    private LambdaShipperMain() {
    }

    public static void main(String[] args) throws Exception {
        HttpOptions http = new HttpOptions(HttpOptions.LOOPBACK, HttpOptions.DEFAULT_READ_TIMEOUT, HttpOptions.DEFAULT_WORKERS, null);
        LambdaConfig lambda = new LambdaConfig(args[0], 0, args[4], LambdaConfig.DEFAULT_MAX_BODY_BYTES,
                Map.of(), "memory-it", http, LambdaConfig.DEFAULT_MAX_INFLATED_BYTES, LambdaConfig.DEFAULT_INFLIGHT_BYTES);
        LogShipper shipper = LogShipper.start(ShipperConfig.defaults(args[0], Path.of(args[1]), Path.of(args[2]))
                .withCluster("memory-it").withNode("node-m").withMetricsPort(0).withLambda(lambda), http);
        Path ports = Path.of(args[3]);
        Path tmp = ports.resolveSibling(ports.getFileName() + ".tmp");
        Files.writeString(tmp, shipper.metricsPort() + " " + shipper.lambdaPort());
        Files.move(tmp, ports, StandardCopyOption.ATOMIC_MOVE); // the test never reads half a file
        shipper.whenStopped().join();
        Thread.sleep(Duration.ofDays(1).toMillis());
    }
}
