package io.logdoctor.shipper.cloudwatch;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real SDK client against the local JSON 1.1 endpoint: paging, and how each failure is classified. */
class SdkLogsApiTest {

    private FakeCloudWatchLogs aws;
    private SdkLogsApi api;

    @BeforeEach
    void start() throws Exception {
        aws = new FakeCloudWatchLogs();
        api = SdkLogsApi.create(CloudWatchConfig.of(List.of(), "/aws/lambda/", "us-east-1", aws.endpoint()),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "test-secret")));
    }

    @AfterEach
    void stop() {
        api.close();
        aws.close();
    }

    @Test
    void shouldPageFilterLogEventsAndDescribeLogGroupsByNextToken() {
        for (int i = 0; i < 10; i++) {
            aws.put("/aws/lambda/a", "s1", 1000 + i, "line " + i + "\n");
        }
        aws.createGroup("/aws/lambda/b");
        aws.createGroup("/aws/lambda/c");
        aws.createGroup("/other");

        List<LogsApi.Event> events = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            LogsApi.EventPage page = api.filter("/aws/lambda/a", 1002, 1008, token);
            events.addAll(page.events());
            token = page.nextToken();
            pages++;
        } while (token != null);
        LogsApi.GroupPage first = api.describe("/aws/lambda/", null);
        LogsApi.GroupPage second = api.describe("/aws/lambda/", first.nextToken());

        assertEquals(7, events.size(), "startTime and endTime both inclusive");
        assertEquals(1002, events.get(0).timestamp());
        assertEquals("s1", events.get(0).logStream());
        assertEquals("line 2\n", events.get(0).message());
        assertEquals(56, events.get(0).id().length());
        assertEquals(1, pages);
        assertEquals(List.of("/aws/lambda/a", "/aws/lambda/b"), first.names());
        assertEquals(List.of("/aws/lambda/c"), second.names());
        assertNull(second.nextToken());
        assertEquals(List.of(), aws.badRequests, "every request was signed JSON 1.1");
    }

    @Test
    void shouldClassifyThrottlingServerFaultsAndADeletedGroupWithoutRetrying() {
        aws.createGroup("/aws/lambda/a");
        aws.throttleNextFilters(1);
        LogsApi.Failure throttled = assertThrows(LogsApi.Failure.class, () -> api.filter("/aws/lambda/a", 0, 10, null));
        aws.failNextFilters(1);
        LogsApi.Failure unavailable = assertThrows(LogsApi.Failure.class, () -> api.filter("/aws/lambda/a", 0, 10, null));
        LogsApi.Failure gone = assertThrows(LogsApi.Failure.class, () -> api.filter("/aws/lambda/gone", 0, 10, null));

        assertEquals(LogsApi.Kind.THROTTLED, throttled.kind());
        assertTrue(throttled.getMessage().startsWith("ThrottlingException: Rate exceeded"), throttled.getMessage());
        assertEquals(LogsApi.Kind.UNAVAILABLE, unavailable.kind());
        assertEquals(LogsApi.Kind.NOT_FOUND, gone.kind());
        assertEquals(3, aws.calls("FilterLogEvents"), "the SDK does not retry on its own: every throttle is seen and counted");
    }
}
