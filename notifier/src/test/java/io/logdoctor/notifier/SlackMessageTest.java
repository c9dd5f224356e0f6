package io.logdoctor.notifier;

import com.fasterxml.jackson.databind.JsonNode;
import io.logdoctor.records.Diagnosis;
import io.logdoctor.records.Json;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SlackMessageTest {

    private static JsonNode build(Diagnosis d, Transition t) {
        return Json.MAPPER.valueToTree(SlackMessage.build(d, t));
    }

    @Test
    void shouldBuildAFiringMessageWithEverySection() {
        JsonNode m = build(Diagnoses.firing("d-00000000000000000001"), Transition.FIRE);

        assertEquals(List.of(), Formats.slackViolations(m));
        assertTrue(m.get("text").asText().startsWith("FIRING [critical] aws-node keeps waiting"), m.get("text").asText());
        JsonNode blocks = m.get("blocks");
        assertEquals("header", blocks.get(0).get("type").asText());
        assertEquals("🔴 FIRING · aws-node keeps waiting for ipamd; the node never gets pod IPs", blocks.get(0).at("/text/text").asText());
        JsonNode fields = blocks.get(1).get("fields");
        assertEquals("*Severity*\ncritical", fields.get(0).get("text").asText());
        assertEquals("*Scope*\ndemo/kube-system/aws-node-2n7dp (container aws-node, node demo-node)", fields.get(1).get("text").asText());
        assertEquals("*Signature*\nvpc-cni/ipamd-not-ready", fields.get(2).get("text").asText());
        assertEquals("*Count*\n5", fields.get(3).get("text").asText());
        assertEquals("*First seen*\n2022-09-02T00:21:48.321000690Z", fields.get(4).get("text").asText());
        assertTrue(blocks.get(2).at("/text/text").asText().startsWith("*Cause*\nThe aws-node container"));
        assertEquals("*Remediation*\n1. Read ipamd's log on an affected node\n2. kubectl -n kube-system rollout restart daemonset aws-node",
                blocks.get(3).at("/text/text").asText());
        assertEquals("*Evidence*\n```2022-09-02T00:21:48.321456789Z  {\"level\":\"info\",\"msg\":\"Retrying waiting for IPAM-D\"}```",
                blocks.get(4).at("/text/text").asText());
        assertEquals("*References*\n• incident 1 (seed 000): new nodes never get ready\n• <https://docs.aws.amazon.com/eks/latest/userguide/cni-iam-role.html>",
                blocks.get(5).at("/text/text").asText());
        assertEquals("context", blocks.get(6).get("type").asText());
        assertTrue(blocks.get(6).at("/elements/0/text").asText().contains("d-00000000000000000001"));
    }

    @Test
    void shouldNameTheNodeWhenTheJournalNamesNoPod() {
        Diagnosis p = Diagnoses.firing("d-00000000000000000002");
        Diagnosis d = new Diagnosis(p.schemaVersion(), p.id(), p.signature(), p.title(), p.severity(), p.status(),
                new Diagnosis.Scope("prod-eu", null, null, "ip-10-0-1-23", null, null, null, "journald", Map.of("unit", "kubelet")),
                p.firstSeen(), p.lastSeen(), p.count(), p.evidence(), p.cause(), p.remediation(), p.references(), p.refinedBy());

        JsonNode fields = build(d, Transition.FIRE).get("blocks").get(1).get("fields");

        assertEquals("*Scope*\nnode ip-10-0-1-23 of cluster prod-eu (journald)", fields.get(1).get("text").asText());
    }

    @Test
    void shouldNameThePendingPodItsWorkloadAndWhoReportedIt() {
        Diagnosis p = Diagnoses.firing("d-00000000000000000003");
        Diagnosis d = new Diagnosis(p.schemaVersion(), p.id(), p.signature(), p.title(), p.severity(), p.status(),
                new Diagnosis.Scope("prod-eu", "shop", "cart-5f7b9c8d4-wq4lm", null, null, null, null, "k8s",
                        Map.of("owner", "cart", "reporter", "prod-eu/kube-system/kube-scheduler-ip-10-0-1-23")),
                p.firstSeen(), p.lastSeen(), p.count(), p.evidence(), p.cause(), p.remediation(), p.references(), p.refinedBy());

        JsonNode fields = build(d, Transition.FIRE).get("blocks").get(1).get("fields");

        assertEquals("*Scope*\nprod-eu/shop/cart-5f7b9c8d4-wq4lm (workload cart, reported by"
                + " prod-eu/kube-system/kube-scheduler-ip-10-0-1-23)", fields.get(1).get("text").asText());
    }

    @Test
    void shouldKeepEveryPieceWithinBlockKitLimitsWhenTheDiagnosisIsHuge() {
        Diagnosis big = new Diagnosis(1, "d-00000000000000000002", "kubernetes/" + "x".repeat(3000), "T".repeat(1000) + "😀",
                "error", Diagnosis.FIRING, new Diagnosis.Scope("c", "n".repeat(2500), "p", null, null, null, null),
                "2022-01-01T00:00:00Z", "2022-01-01T00:01:00Z", 7,
                Collections.nCopies(5, new Diagnosis.Evidence("2022-01-01T00:00:00Z", "<&>```" + "y".repeat(2048), null, null, null)),
                "&".repeat(5000), Collections.nCopies(60, "step " + "z".repeat(400)),
                Collections.nCopies(100, "https://example.com/" + "r".repeat(100)), "kubernetes/" + "q".repeat(200));

        JsonNode m = build(big, Transition.FIRE);

        assertEquals(List.of(), Formats.slackViolations(m));
        String header = m.at("/blocks/0/text/text").asText();
        assertEquals(150, header.length());
        assertTrue(header.endsWith(Text.ELLIPSIS));
        String cause = m.at("/blocks/2/text/text").asText();
        assertTrue(cause.endsWith("&amp;" + Text.ELLIPSIS), "never cut inside an entity: " + cause.substring(cause.length() - 20));
        String evidence = m.at("/blocks/4/text/text").asText();
        assertTrue(evidence.endsWith(Text.ELLIPSIS + "```"), "the code block stays closed");
        assertTrue(evidence.contains("&lt;&amp;&gt;`\u200b`\u200b`"), "escaped, and a fence in a log line cannot end the block");
        String refs = m.at("/blocks/5/text/text").asText();
        assertTrue(refs.endsWith(Text.ELLIPSIS) && refs.length() <= 3000);
    }

    @Test
    void shouldPostAShortResolveAndNothingForARepeat() {
        JsonNode firing = build(Diagnoses.firing("d-00000000000000000003"), Transition.FIRE);
        JsonNode resolved = build(Diagnoses.resolved("d-00000000000000000003"), Transition.RESOLVE);

        assertEquals(List.of(), Formats.slackViolations(resolved));
        assertTrue(resolved.get("blocks").size() < firing.get("blocks").size());
        assertEquals("✅ RESOLVED · aws-node keeps waiting for ipamd; the node never gets pod IPs", resolved.at("/blocks/0/text/text").asText());
        assertTrue(resolved.get("text").asText().startsWith("RESOLVED [critical]"));
        assertNull(SlackMessage.build(Diagnoses.firing("d-00000000000000000003"), Transition.REPEAT));
        assertNull(SlackMessage.build(Diagnoses.resolved("d-00000000000000000003"), Transition.RESOLVE_UNSEEN));
    }

    @Test
    void shouldMarkARefinementAndNameTheRefiningSignature() {
        Diagnosis refined = Diagnoses.with(Diagnoses.firing("d-00000000000000000004"), Diagnosis.FIRING, "vpc-cni/ipv4-permission-denied");

        JsonNode m = build(refined, Transition.REFINE);

        assertTrue(m.at("/blocks/0/text/text").asText().startsWith("🔎 REFINED · "));
        assertEquals("*Signature*\nvpc-cni/ipamd-not-ready\nrefined by vpc-cni/ipv4-permission-denied", m.at("/blocks/1/fields/2/text").asText());
    }

    @Test
    void shouldEscapeMarkupFromLogLinesSoTheyCannotMentionOrLink() {
        Diagnosis d = Diagnoses.firing("d-00000000000000000005");
        List<Diagnosis.Evidence> evil = new ArrayList<>(List.of(new Diagnosis.Evidence(null, "<!channel> <https://evil|click>", null, null, null)));
        Diagnosis withEvil = new Diagnosis(1, d.id(), d.signature(), d.title(), d.severity(), d.status(), d.scope(), d.firstSeen(),
                d.lastSeen(), d.count(), evil, "a < b & c", d.remediation(), List.of(), null);

        JsonNode m = build(withEvil, Transition.FIRE);

        String all = m.toString();
        assertFalse(all.contains("<!channel>"), all);
        assertTrue(m.at("/blocks/4/text/text").asText().contains("&lt;!channel&gt; &lt;https://evil|click&gt;"));
        assertEquals("*Cause*\na &lt; b &amp; c", m.at("/blocks/2/text/text").asText());
    }
}
