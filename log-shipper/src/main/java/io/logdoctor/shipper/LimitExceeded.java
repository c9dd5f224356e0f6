package io.logdoctor.shipper;

import java.io.IOException;

/**
 * A request passed one of the receiver's memory bounds while it was being read or inflated: 413 when it
 * is too large for any answer but no (a limit of one request or one record), 503 when it would fit but
 * the requests in flight hold the whole budget now (retry later). An {@link IOException} so it can
 * leave an {@code InputStream} that Jackson is reading, which passes it on unchanged.
 */
final class LimitExceeded extends IOException {

    private static final long serialVersionUID = 1L;

    private final int status;

    LimitExceeded(int status, String message) {
        super(message);
        this.status = status;
    }

    static LimitExceeded tooLarge(String message) {
        return new LimitExceeded(413, message);
    }

    LambdaHttpError toHttpError() {
        return new LambdaHttpError(status, getMessage(), this);
    }

    int status() {
        return status;
    }
}
