package io.logdoctor.notifier;

import java.time.Duration;

/** Waits between attempts. A destination queue's wakes early when its work is dropped or stopped; tests record instead of sleeping. */
@FunctionalInterface
interface Sleeper {

    void sleep(Duration duration) throws InterruptedException;
}
