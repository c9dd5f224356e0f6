package io.logdoctor.shipper.lambda;

import java.io.IOException;

/**
 * A request passed one of the receiver's memory bounds while it was being read or inflated: 413 when it
 * is too large for any answer but no (a limit of one request or one record), 503 when it would fit but
 * the requests in flight hold the whole budget now (retry later). An {@link IOException} so it can
 * leave an {@code InputStream} that Jackson is reading, which passes it on unchanged; the answer it
 * stands for travels as its cause.
 */
final class LimitExceeded extends IOException {

    private static final long serialVersionUID = 1L;

    LimitExceeded(int status, String message) {
        super(message, new LambdaHttpError(status, message));
    }

    static LimitExceeded tooLarge(String message) {
        return new LimitExceeded(413, message);
    }

    LambdaHttpError toHttpError() {
        return (LambdaHttpError) getCause();
    }

    int status() {
        return toHttpError().status();
    }
}
