package io.logdoctor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.logdoctor.records.Json;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NotifierPreviewCommandTest {

    static final String RESOLVED = "{\"schemaVersion\":1,\"id\":\"d-a013f6db9c2c137073f2\",\"signature\":\"vpc-cni/ipamd-not-ready\","
            + "\"title\":\"aws-node keeps waiting for ipamd\",\"severity\":\"critical\",\"status\":\"resolved\","
            + "\"scope\":{\"cluster\":\"demo\",\"namespace\":\"kube-system\",\"pod\":\"aws-node-2n7dp\"},\"firstSeen\":\"2022-09-02T00:21:48Z\","
            + "\"lastSeen\":\"2022-09-02T00:21:56Z\",\"count\":5,\"evidence\":[],\"cause\":\"c\",\"remediation\":[\"r\"],\"references\":[]}";

    @Test
    void shouldPrintThePagerDutyResolveForAResolvedDiagnosis() throws Exception {
        Console c = Console.run((RESOLVED + "\n").getBytes(StandardCharsets.UTF_8), "notify-preview", "--to", "pagerduty");

        assertEquals(0, c.exitCode(), c.err());
        JsonNode event = Json.MAPPER.readTree(c.out().substring(c.out().indexOf('{')));
        assertEquals("resolve", event.get("event_action").asText());
        assertEquals("d-a013f6db9c2c137073f2", event.get("dedup_key").asText());
    }

    @Test
    void shouldPrintExactlyTheBodyForOneKindSoItPipesToJq() throws Exception {
        Console c = Console.run((RESOLVED + "\n").getBytes(StandardCharsets.UTF_8), "notify-preview", "--to", "slack");

        assertEquals(0, c.exitCode(), c.err());
        List<JsonNode> values = Json.MAPPER.readerFor(JsonNode.class).<JsonNode>readValues(c.out()).readAll();
        assertEquals(1, values.size(), c.out());
        assertEquals("✅ RESOLVED · aws-node keeps waiting for ipamd", values.get(0).at("/blocks/0/text/text").asText());
    }

    @Test
    void shouldRefuseAnUnknownKindNamingTheKnownOnes() {
        Console c = Console.run((RESOLVED + "\n").getBytes(StandardCharsets.UTF_8), "notify-preview", "--to", "pagerdooty");

        assertNotEquals(0, c.exitCode());
        assertTrue(c.err().contains("unknown --to 'pagerdooty'; use one of slack, pagerduty"), c.err());
    }
}
