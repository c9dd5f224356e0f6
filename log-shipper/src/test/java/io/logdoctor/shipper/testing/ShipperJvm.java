package io.logdoctor.shipper.testing;

import java.util.List;

/** The JVM options a child shipper runs with in the tests: those the launcher gives `logdoctor shipper`. */
public final class ShipperJvm {

    /** A 256 MiB heap, and the launcher's defaults (serial collector, C1 only: half the restart CPU). */
    public static final List<String> OPTIONS = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    private ShipperJvm() {
    }
}
