package io.logdoctor.shipper.torture;

import java.util.ArrayList;
import java.util.List;

/**
 * One scenario: which rotation modes run side by side (one container each), the total rate, how long
 * the writer writes, how many SIGKILLs (0, or 3 to 5 drawn at random when {@code kills} is -1), and
 * whether the broker goes down for {@code outageSeconds}.
 */
record TortureCase(String name, List<Mode> modes, int linesPerSecond, int seconds, int kills,
                   int outageSeconds, long minRotateBytes, long maxRotateBytes) {

    static final long MIB = 1024 * 1024;

    /** Every mode together, which is what a node with many pods looks like. */
    static final List<Mode> ALL = Mode.availableModes();

    TortureCase {
        if (outageSeconds > 0 && outageSeconds + 20 > seconds) {
            throw new IllegalArgumentException(name + ": the writer must outlast the outage by 20 s; seconds " + seconds
                    + ", outage " + outageSeconds);
        }
    }

    /** The cases of the full run: each mode alone, all together at 15k and 30k lines/s with kills, the broker down 60 s. */
    static List<TortureCase> full() {
        List<TortureCase> cases = new ArrayList<>();
        for (Mode m : ALL) {
            cases.add(new TortureCase("alone-" + m.container(), List.of(m), 5000, 30, m.rotationsWhileDown() > 0 ? 3 : 0,
                    0, 2 * MIB, 8 * MIB));
        }
        cases.add(new TortureCase("all-15k-kills", ALL, 15000, 60, -1, 0, 2 * MIB, 8 * MIB));
        cases.add(new TortureCase("all-30k-kills", ALL, 30000, 60, -1, 0, 2 * MIB, 8 * MIB));
        cases.add(new TortureCase("all-15k-broker-60s", ALL, 15000, 100, 0, 60, 2 * MIB, 8 * MIB));
        return cases;
    }

    /**
     * The CI case (~2 minutes): every mode together at 3,000 lines/s for 60 s with 3 to 5 kills, rotating
     * every 256 KiB to 1 MiB so each container rotates several times within the minute.
     */
    static List<TortureCase> shortRun() {
        return List.of(new TortureCase("short-all-kills", ALL, 3000, 60, -1, 0, MIB / 4, MIB));
    }
}
