package io.logdoctor.patterns;

import java.time.Duration;
import java.util.Optional;

/**
 * When matches of a signature in one scope become a diagnosis: {@code count} matches within
 * {@code window}; with {@code after}, that pattern's own matches never fire and the others count
 * only once it has been seen within the window (a cache miss alone is healthy; one followed by a
 * failure is not).
 */
public record FireRule(int count, Duration window, Optional<String> after) {
}
