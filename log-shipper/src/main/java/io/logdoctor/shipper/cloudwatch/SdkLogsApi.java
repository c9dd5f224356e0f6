package io.logdoctor.shipper.cloudwatch;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClientBuilder;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeLogGroupsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.LimitExceededException;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * {@link LogsApi} over the AWS SDK for Java v2's synchronous CloudWatch Logs client, with its Apache
 * HTTP client. The SDK does not retry: the source counts every throttled call and backs off for all log
 * groups at once (the FilterLogEvents quota is per account and region, not per group), which the SDK's
 * own retries would hide.
 */
public final class SdkLogsApi implements LogsApi {

    /** Bounds one call, so a hung connection stalls the shipper's loop for at most this long. */
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(20);

    private final CloudWatchLogsClient client;

    private SdkLogsApi(CloudWatchLogsClient client) {
        this.client = client;
    }

    /** A client for {@code config} with the default credential chain (environment, profile, IRSA, roles). */
    public static SdkLogsApi create(CloudWatchConfig config) {
        return create(config, DefaultCredentialsProvider.builder().build());
    }

    /** A client for {@code config} with the given credentials (tests pass static ones). */
    public static SdkLogsApi create(CloudWatchConfig config, AwsCredentialsProvider credentials) {
        CloudWatchLogsClientBuilder builder = CloudWatchLogsClient.builder()
                .credentialsProvider(credentials)
                .httpClientBuilder(Apache5HttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(CALL_TIMEOUT))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallTimeout(CALL_TIMEOUT));
        if (config.region() != null) {
            builder.region(Region.of(config.region()));
        }
        if (config.endpoint() != null) {
            builder.endpointOverride(config.endpoint());
        }
        try {
            return new SdkLogsApi(builder.build());
        } catch (SdkClientException e) { // no region anywhere
            throw new IllegalArgumentException("cannot make a CloudWatch Logs client: " + e.getMessage()
                    + " (set cloudwatch-region or AWS_REGION)", e);
        }
    }

    @Override
    public EventPage filter(String logGroup, long startTime, long endTime, String nextToken) {
        FilterLogEventsResponse r = call(() -> client.filterLogEvents(b -> b.logGroupName(logGroup)
                .startTime(startTime).endTime(endTime).nextToken(nextToken)));
        return new EventPage(r.events().stream()
                .map(e -> new Event(e.eventId(), e.timestamp() == null ? 0 : e.timestamp(), e.logStreamName(), e.message()))
                .toList(), r.nextToken());
    }

    @Override
    public GroupPage describe(String prefix, String nextToken) {
        DescribeLogGroupsResponse r = call(() -> client.describeLogGroups(b -> b.logGroupNamePrefix(prefix).nextToken(nextToken)));
        return new GroupPage(r.logGroups().stream().map(LogGroup::logGroupName).toList(), r.nextToken());
    }

    private static <T> T call(Supplier<T> request) {
        try {
            return request.get();
        } catch (ResourceNotFoundException e) {
            throw new Failure(Kind.NOT_FOUND, message(e), e);
        } catch (LimitExceededException e) {
            throw new Failure(Kind.THROTTLED, message(e), e);
        } catch (AwsServiceException e) {
            Kind kind = e.isThrottlingException() ? Kind.THROTTLED
                    : e.statusCode() >= 500 ? Kind.UNAVAILABLE : Kind.REFUSED;
            throw new Failure(kind, message(e), e);
        } catch (SdkException e) { // I/O, timeouts, unreadable answers
            throw new Failure(Kind.UNAVAILABLE, e.getMessage(), e);
        }
    }

    private static String message(AwsServiceException e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        return (code == null ? "HTTP " + e.statusCode() : code) + ": " + e.getMessage();
    }

    @Override
    public void close() {
        client.close();
    }
}
