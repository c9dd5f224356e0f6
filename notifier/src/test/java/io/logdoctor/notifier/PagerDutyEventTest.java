package io.logdoctor.notifier;

import com.fasterxml.jackson.databind.JsonNode;
import io.logdoctor.records.Diagnosis;
import io.logdoctor.records.Json;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

class PagerDutyEventTest {

    private static final String KEY = "R0123456789abcdef0123456789abcdef";

    private static JsonNode build(Diagnosis d, Transition t) {
        return Json.MAPPER.valueToTree(PagerDutyEvent.build(d, t, KEY));
    }

    @Test
    void shouldTriggerWithTheDiagnosisIdAsDedupKey() {
        JsonNode e = build(Diagnoses.firing("d-00000000000000000011"), Transition.FIRE);

        assertEquals(List.of(), Formats.pagerDutyViolations(e));
        assertEquals(KEY, e.get("routing_key").asText());
        assertEquals("trigger", e.get("event_action").asText());
        assertEquals("d-00000000000000000011", e.get("dedup_key").asText());
        JsonNode p = e.get("payload");
        assertEquals("[critical] aws-node keeps waiting for ipamd; the node never gets pod IPs — demo/kube-system/aws-node-2n7dp (container aws-node, node demo-node)",
                p.get("summary").asText());
        assertEquals("demo/kube-system/aws-node-2n7dp", p.get("source").asText());
        assertEquals("critical", p.get("severity").asText());
        assertEquals("2022-09-02T00:21:56.355Z", p.get("timestamp").asText());
        assertEquals("aws-node", p.get("component").asText());
        assertEquals("demo/kube-system", p.get("group").asText());
        assertEquals("vpc-cni/ipamd-not-ready", p.get("class").asText());
        JsonNode details = p.get("custom_details");
        assertEquals("The aws-node container starts ipamd and waits for it to answer its health probe.", details.get("cause").asText());
        assertEquals("kubectl -n kube-system rollout restart daemonset aws-node", details.at("/remediation/1").asText());
        assertEquals("2022-09-02T00:21:48.321456789Z  {\"level\":\"info\",\"msg\":\"Retrying waiting for IPAM-D\"}", details.at("/evidence/0").asText());
        assertEquals(5, details.get("count").asInt());
        assertEquals("vpc-cni/ipamd-not-ready", details.get("signature").asText());
        assertEquals(1, e.get("links").size(), "only URLs become links");
        assertEquals("https://docs.aws.amazon.com/eks/latest/userguide/cni-iam-role.html", e.at("/links/0/href").asText());
    }

    @Test
    void shouldResolveWithOnlyTheKeys() {
        JsonNode e = build(Diagnoses.resolved("d-00000000000000000012"), Transition.RESOLVE);

        assertEquals(List.of(), Formats.pagerDutyViolations(e));
        assertEquals("resolve", e.get("event_action").asText());
        assertEquals("d-00000000000000000012", e.get("dedup_key").asText());
        assertFalse(e.has("payload"));
    }

    @Test
    void shouldReTriggerARefinementWithTheSameDedupKeyAndSendNothingForARepeat() {
        Diagnosis refined = Diagnoses.with(Diagnoses.firing("d-00000000000000000013"), Diagnosis.FIRING, "vpc-cni/ipv4-permission-denied");

        JsonNode e = build(refined, Transition.REFINE);

        assertEquals("trigger", e.get("event_action").asText());
        assertEquals("d-00000000000000000013", e.get("dedup_key").asText());
        assertEquals("vpc-cni/ipv4-permission-denied", e.at("/payload/custom_details/refinedBy").asText());
        assertNull(PagerDutyEvent.build(refined, Transition.REPEAT, KEY));
    }

    @Test
    void shouldMapSeveritiesAndCutTheSummary() {
        for (String s : List.of("critical", "error", "warning", "info")) {
            assertEquals(s, build(Diagnoses.severity(Diagnoses.firing("d-00000000000000000014"), s), Transition.FIRE).at("/payload/severity").asText());
        }
        assertEquals("error", PagerDutyEvent.severity("urgent"));
        Diagnosis d = Diagnoses.firing("d-00000000000000000015");
        Diagnosis longTitle = new Diagnosis(1, d.id(), d.signature(), "t".repeat(5000), d.severity(), d.status(), d.scope(), d.firstSeen(),
                "not a time", d.count(), d.evidence(), d.cause(), d.remediation(), d.references(), null);

        JsonNode e = build(longTitle, Transition.FIRE);

        assertEquals(List.of(), Formats.pagerDutyViolations(e));
        assertEquals(1024, e.at("/payload/summary").asText().length());
        assertFalse(e.get("payload").has("timestamp"), "an unreadable time is left to PagerDuty");
    }

    @Test
    void shouldNameALambdaFunctionAsSourceAndComponent() {
        Diagnosis d = Diagnoses.firing("d-00000000000000000016");
        Diagnosis lambda = new Diagnosis(1, d.id(), "lambda/timeout", d.title(), "warning", d.status(),
                new Diagnosis.Scope(null, null, null, null, null, "checkout", "/aws/lambda/checkout"), d.firstSeen(), d.lastSeen(),
                d.count(), d.evidence(), d.cause(), d.remediation(), d.references(), null);

        JsonNode p = build(lambda, Transition.FIRE).get("payload");

        assertEquals("lambda/checkout", p.get("source").asText());
        assertEquals("checkout", p.get("component").asText());
        assertEquals("/aws/lambda/checkout", p.get("group").asText());
        assertEquals("warning", p.get("severity").asText());
    }
}
