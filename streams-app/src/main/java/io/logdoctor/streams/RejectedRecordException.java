package io.logdoctor.streams;

/** A record of logs.raw that decodes but is not a log line (no value, no line): {@link DeadLetters} sends it to logs.dlq. */
final class RejectedRecordException extends RuntimeException {

    RejectedRecordException(String reason) {
        super(reason, null, false, false); // control flow for one bad record, not a bug: no stack trace
    }
}
