package io.logdoctor.shipper.lambda;

/**
 * A request the receiver refuses, with the HTTP status to answer and a message for the sender (Firehose
 * copies it into its error log and, after its last retry, into the S3 error output).
 */
final class LambdaHttpError extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;

    LambdaHttpError(int status, String message) {
        super(message);
        this.status = status;
    }

    LambdaHttpError(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    static LambdaHttpError badRequest(String message) {
        return new LambdaHttpError(400, message);
    }

    static LambdaHttpError tooLarge(String message) {
        return new LambdaHttpError(413, message);
    }

    int status() {
        return status;
    }
}
