package io.logdoctor.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logdoctor.notifier.Preview;
import io.logdoctor.records.Diagnosis;
import io.logdoctor.records.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/** {@code logdoctor notify-preview}: the Slack and PagerDuty bodies for diagnosis JSON lines on stdin, sending nothing. */
@Command(name = "notify-preview", mixinStandardHelpOptions = true,
        description = "Read diagnosis records (JSON lines, as `demo --json` or `diagnose` print them) from stdin and print "
                + "the Slack and PagerDuty request bodies the notifier would send for each. Sends nothing.")
final class NotifierPreviewCommand implements Callable<Integer> {

    @Option(names = "--to", defaultValue = "both", description = "slack, pagerduty or both (default: ${DEFAULT-VALUE}).")
    String to;

    @Override
    public Integer call() throws Exception {
        if (!java.util.List.of("slack", "pagerduty", "both").contains(to)) {
            throw new IllegalArgumentException("unknown --to '" + to + "'; use slack, pagerduty or both");
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            Diagnosis d = Json.MAPPER.readValue(line, Diagnosis.class);
            if (!to.equals("pagerduty")) {
                print("slack", Preview.slack(d));
            }
            if (!to.equals("slack")) {
                print("pagerduty", Preview.pagerDuty(d, "<routing key>"));
            }
        }
        return 0;
    }

    private static void print(String kind, ObjectNode body) throws Exception {
        System.out.println("# " + kind);
        System.out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(body));
    }
}
