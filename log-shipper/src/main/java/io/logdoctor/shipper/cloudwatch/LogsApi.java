package io.logdoctor.shipper.cloudwatch;

import java.util.List;

/**
 * The two CloudWatch Logs calls the CloudWatch source makes, one page at a time. {@link SdkLogsApi} is the
 * real one; the source only sees this interface and {@link Failure}, so its scheduling does not depend on
 * the SDK's exception types.
 */
interface LogsApi extends AutoCloseable {

    /** One FilterLogEvents event. */
    record Event(String id, long timestamp, String logStream, String message) {
    }

    /** One FilterLogEvents page; {@code nextToken} is null on the last page. */
    record EventPage(List<Event> events, String nextToken) {
    }

    /** One DescribeLogGroups page of log group names. */
    record GroupPage(List<String> names, String nextToken) {
    }

    /**
     * FilterLogEvents (interleaved) of {@code logGroup} from {@code startTime} to {@code endTime}, both in
     * epoch milliseconds and inclusive.
     */
    EventPage filter(String logGroup, long startTime, long endTime, String nextToken);

    /** DescribeLogGroups of the log groups whose names start with {@code prefix}. */
    GroupPage describe(String prefix, String nextToken);

    @Override
    void close();

    /** What went wrong with a call, as far as the schedule cares. */
    enum Kind {
        /** ThrottlingException, LimitExceededException, HTTP 429: wait and ask again. */
        THROTTLED,
        /** ResourceNotFoundException: the log group is gone. */
        NOT_FOUND,
        /** 5xx, ServiceUnavailableException, I/O errors and timeouts: wait and ask again. */
        UNAVAILABLE,
        /** Anything else (access denied, invalid parameter): ask again later, and tell someone. */
        REFUSED
    }

    /** A call that failed, classified. */
    final class Failure extends RuntimeException {
        private final Kind kind;

        Failure(Kind kind, String message, Throwable cause) {
            super(message, cause);
            this.kind = kind;
        }

        Kind kind() {
            return kind;
        }
    }
}
