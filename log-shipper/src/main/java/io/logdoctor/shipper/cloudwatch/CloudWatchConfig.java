package io.logdoctor.shipper.cloudwatch;

import io.logdoctor.records.Durations;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The settings of the shipper's CloudWatch Logs source, which tails log groups with FilterLogEvents
 * (docs/cloudwatch.md). Credentials always come from the AWS SDK's default chain (environment, profile,
 * IRSA web identity, container and instance roles): nothing secret is configured here.
 *
 * @param logGroups         log group names to tail; they are tailed besides those of {@code prefix}
 * @param prefix            tail every log group whose name starts with this; empty for none
 * @param region            the AWS region, or null for the SDK's default region chain ({@code AWS_REGION}, profile)
 * @param endpoint          an endpoint override (a VPC endpoint, a test server), or null for the region's
 * @param interval          how long a log group waits after it was read to its end before the next poll
 * @param lookback          where a log group without a checkpoint starts: this long before now (zero: now)
 * @param latency           events younger than this are left for the next poll: CloudWatch can make an event
 *                          visible after later ones, and the checkpoint only moves forward
 * @param discoveryInterval how often the log groups are listed again (DescribeLogGroups)
 * @param minBackoff        the first wait after a throttled or failed call; it doubles up to {@code maxBackoff}
 * @param maxBackoff        the longest wait after throttled or failed calls
 */
public record CloudWatchConfig(List<String> logGroups, String prefix, String region, URI endpoint,
                               Duration interval, Duration lookback, Duration latency, Duration discoveryInterval,
                               Duration minBackoff, Duration maxBackoff) {

    /** The default prefix: every Lambda function's log group. */
    public static final String DEFAULT_PREFIX = "/aws/lambda/";
    /** The default poll interval of a log group. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);
    /** The default ingestion allowance. */
    public static final Duration DEFAULT_LATENCY = Duration.ofSeconds(5);
    /** The default time between two listings of the log groups. */
    public static final Duration DEFAULT_DISCOVERY_INTERVAL = Duration.ofMinutes(5);

    /** Validates every setting and copies the list. */
    public CloudWatchConfig {
        logGroups = List.copyOf(logGroups);
        prefix = prefix == null ? "" : prefix;
        if (logGroups.isEmpty() && prefix.isEmpty()) {
            throw new IllegalArgumentException("cloudwatch needs log groups or a prefix; got neither");
        }
        for (String group : logGroups) {
            if (group.isBlank()) {
                throw new IllegalArgumentException("cloudwatch log group names must not be blank; were " + logGroups);
            }
        }
        positive(interval, "cloudwatch interval");
        positive(discoveryInterval, "cloudwatch discovery interval");
        positive(minBackoff, "cloudwatch min backoff");
        positive(maxBackoff, "cloudwatch max backoff");
        notNegative(lookback, "cloudwatch lookback");
        notNegative(latency, "cloudwatch latency");
    }

    /** Tails the log groups under {@code prefix} and the named ones, with the defaults for the rest. */
    public static CloudWatchConfig of(List<String> logGroups, String prefix, String region, URI endpoint) {
        return new CloudWatchConfig(logGroups, prefix, region, endpoint, DEFAULT_INTERVAL, Duration.ZERO,
                DEFAULT_LATENCY, DEFAULT_DISCOVERY_INTERVAL, Duration.ofSeconds(1), Duration.ofMinutes(1));
    }

    public CloudWatchConfig withInterval(Duration interval) {
        return new CloudWatchConfig(logGroups, prefix, region, endpoint, interval, lookback, latency, discoveryInterval, minBackoff, maxBackoff);
    }

    public CloudWatchConfig withLookback(Duration lookback) {
        return new CloudWatchConfig(logGroups, prefix, region, endpoint, interval, lookback, latency, discoveryInterval, minBackoff, maxBackoff);
    }

    public CloudWatchConfig withLatency(Duration latency) {
        return new CloudWatchConfig(logGroups, prefix, region, endpoint, interval, lookback, latency, discoveryInterval, minBackoff, maxBackoff);
    }

    public CloudWatchConfig withDiscoveryInterval(Duration discoveryInterval) {
        return new CloudWatchConfig(logGroups, prefix, region, endpoint, interval, lookback, latency, discoveryInterval, minBackoff, maxBackoff);
    }

    public CloudWatchConfig withBackoff(Duration minBackoff, Duration maxBackoff) {
        return new CloudWatchConfig(logGroups, prefix, region, endpoint, interval, lookback, latency, discoveryInterval, minBackoff, maxBackoff);
    }

    /**
     * Parses a start position: {@code now} (zero lookback), or a duration back from now such as
     * {@code 90s}, {@code 15m}, {@code 2h}, {@code 1d} or ISO-8601 {@code PT15M}.
     */
    public static Duration parseStart(String value) {
        String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        if (v.equals("now")) {
            return Duration.ZERO;
        }
        Duration d = parseDuration(v, "cloudwatch start");
        notNegative(d, "cloudwatch start");
        return d;
    }

    /** Parses {@code 500ms}, {@code 90s}, {@code 15m}, {@code 2h}, {@code 1d}, or ISO-8601 ({@code PT15M}): {@link Durations}. */
    public static Duration parseDuration(String value, String name) {
        try {
            return Durations.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " must be now or a duration like 90s, 15m, 2h, 1d, PT15M; was " + value);
        }
    }

    private static void positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive; was " + d);
        }
    }

    private static void notNegative(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative; was " + d);
        }
    }
}
