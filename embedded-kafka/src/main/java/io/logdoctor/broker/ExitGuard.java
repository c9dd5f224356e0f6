package io.logdoctor.broker;

import org.apache.kafka.common.utils.Exit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps Kafka from ending the JVM while an embedded broker starts, runs or stops.
 *
 * <p>A fatal fault in the controller (for example its port being taken between our check and its
 * bind) calls {@code Exit.halt(1)}: the process dies and no exception reaches the caller; under
 * Surefire that is "The forked VM terminated without saying properly goodbye". While at least one
 * broker holds the guard, exit and halt throw instead, so the fault surfaces as an exception and the
 * JVM survives. The procedures are JVM-global, hence the reference count.
 */
final class ExitGuard {

    private static final Logger log = LoggerFactory.getLogger(ExitGuard.class);

    private static int holders;

    private ExitGuard() {
    }

    /** Installs the throwing exit and halt procedures, unless another broker already did. */
    static synchronized void acquire() {
        if (holders++ == 0) {
            Exit.setExitProcedure((code, message) -> refuse("exit", code, message));
            Exit.setHaltProcedure((code, message) -> refuse("halt", code, message));
        }
    }

    /** Restores Kafka's own procedures when the last broker lets go. */
    static synchronized void release() {
        if (holders > 0 && --holders == 0) {
            Exit.resetExitProcedure();
            Exit.resetHaltProcedure();
        }
    }

    private static void refuse(String what, int code, String message) {
        String text = "Kafka asked to " + what + " the JVM with status " + code
                + (message == null ? "" : ": " + message) + "; refused, the embedded broker is unusable";
        log.error(text);
        throw new IllegalStateException(text);
    }
}
