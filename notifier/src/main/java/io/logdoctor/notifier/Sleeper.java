package io.logdoctor.notifier;

import java.time.Duration;

/** Waits between attempts. The notifier's keeps the Kafka consumer polling while it waits; tests record instead of sleeping. */
@FunctionalInterface
interface Sleeper {

    void sleep(Duration duration) throws InterruptedException;
}
