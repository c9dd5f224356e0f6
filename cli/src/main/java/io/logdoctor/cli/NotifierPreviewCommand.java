package io.logdoctor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logdoctor.notifier.Preview;
import io.logdoctor.records.Diagnosis;
import io.logdoctor.records.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code logdoctor notify-preview}: the request bodies for diagnosis JSON lines on stdin, sending nothing. */
@Command(name = "notify-preview", mixinStandardHelpOptions = true,
        description = "Read diagnosis records (JSON lines, as `demo --json` or `diagnose` print them) from stdin and print "
                + "the request bodies the notifier would send for each, as JSON (pipe it to jq). Sends nothing.")
final class NotifierPreviewCommand implements Callable<Integer> {

    @Option(names = "--to", paramLabel = "KIND",
            description = "One destination kind: print exactly the body it would be posted. Without it, one object per "
                    + "diagnosis keyed by kind. Kinds: slack, pagerduty, alertmanager, webhook, teams, opsgenie, slackBot.")
    String to;

    @Override
    public Integer call() throws Exception {
        List<String> kinds = Preview.kinds();
        if (to != null && !kinds.contains(to)) {
            throw new IllegalArgumentException("unknown --to '" + to + "'; use one of " + String.join(", ", kinds));
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            Diagnosis d = Json.MAPPER.readValue(line, Diagnosis.class);
            if (to != null) {
                JsonNode body = Preview.body(to, d);
                if (body != null) {
                    print(body);
                }
                continue;
            }
            ObjectNode all = Json.MAPPER.createObjectNode();
            kinds.forEach(kind -> all.set(kind, Preview.body(kind, d)));
            print(all);
        }
        return 0;
    }

    private static void print(JsonNode body) throws Exception {
        System.out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(body));
    }
}
