package io.logdoctor.notifier;

import java.time.Duration;

/** How one HTTP attempt went, as far as retrying is concerned. */
sealed interface Outcome {

    /** The endpoint accepted it. */
    record Delivered(int status) implements Outcome {
    }

    /** Worth trying again: network error, timeout, 408, 429, 5xx. {@code retryAfter} is null unless the endpoint said. */
    record Retry(String reason, Duration retryAfter) implements Outcome {
    }

    /** The endpoint refused this request for good (400, 403, 404, 410...): sending it again cannot help. */
    record Rejected(String reason) implements Outcome {
    }
}
