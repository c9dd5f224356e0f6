package io.logdoctor.shipper.torture;

/** The figures of one container in one case: lines written, received once or more, lost (with the ranges), duplicated. */
record ContainerResult(String caseName, String container, long expected, long received, long duplicated,
                       int rotations, String missing) {

    long lost() {
        return expected - received;
    }

    static String header() {
        return String.format("%-22s %-17s %9s %9s %9s %9s %5s  %s", "case", "container", "expected", "received",
                "lost", "duplic.", "rot.", "missing sequence ranges");
    }

    String row() {
        return String.format("%-22s %-17s %9d %9d %9d %9d %5d  %s", caseName, container, expected, received, lost(),
                duplicated, rotations, missing);
    }
}
