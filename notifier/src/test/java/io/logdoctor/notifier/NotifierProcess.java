package io.logdoctor.notifier;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A notifier in a process of its own, for tests that kill it with SIGKILL: one route (a signature
 * prefix) to one Slack webhook. Args: bootstrap, group, group instance id ("none": dynamic), prefix, webhook URL,
 * group protocol (classic or consumer), and optionally the topic to read (diagnoses, the default, or incidents).
 */
final class NotifierProcess {

    private NotifierProcess() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("NotifierProcess: main entered " + ManagementFactory.getRuntimeMXBean().getUptime() + " ms after the JVM started");
        Route route = new Route("kill-it", new Route.Match(Set.of(), Set.of(), List.of(args[3])),
                List.of(new SlackWebhook("sre", URI.create(args[4]))), false);
        NotifierConfig config = new NotifierConfig(args[0], args[1], args[2].equals("none") ? null : args[2], Map.of("group.protocol", args[5]), List.of(route),
                new RetryPolicy(Duration.ofMillis(100), Duration.ofMillis(500), 3), Duration.ofSeconds(5))
                .withSource(args.length > 6 && args[6].equals("incidents") ? NotifierConfig.Source.INCIDENTS : NotifierConfig.Source.DIAGNOSES);
        Notifier notifier = Notifier.start(config);
        System.out.println("NotifierProcess: notifier started " + ManagementFactory.getRuntimeMXBean().getUptime() + " ms after the JVM started");
        Runtime.getRuntime().addShutdownHook(new Thread(notifier::close));
        Thread.sleep(Long.MAX_VALUE);
    }
}
