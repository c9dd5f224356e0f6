package io.logdoctor.shipper.torture;

import java.io.IOException;
import java.time.Duration;

/** One way of rotating a container's log; called with the log's lock held, so no line is written meanwhile. */
interface Rotation {

    /** Rotates {@code log}; returns what was done, for the harness's journal. */
    String rotate(ContainerLog log) throws IOException;

    /** The least time between two rotations of one container's log by this rotator (none by default). */
    default Duration minInterval() {
        return Duration.ZERO;
    }
}
