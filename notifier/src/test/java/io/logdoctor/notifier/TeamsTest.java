package io.logdoctor.notifier;

import com.fasterxml.jackson.databind.JsonNode;
import io.logdoctor.records.Diagnosis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Teams through a Workflows webhook, against a local trigger that checks the Adaptive Card envelope. */
class TeamsTest {

    private FakeEndpoint workflow;
    private Deliverer deliverer;

    @BeforeEach
    void start() throws Exception {
        workflow = DestinationFormats.teams();
        deliverer = TestDeliverers.withoutWaiting();
    }

    @AfterEach
    void stop() {
        workflow.close();
    }

    @Test
    void shouldPostOneAdaptiveCardPerStateChange() throws Exception {
        Teams teams = new Teams("sre", workflow.uri("/workflows/0/triggers/manual/paths/invoke"));
        String id = "d-00000000000000000d01";

        deliverer.deliver(teams, Diagnoses.firing(id), Transition.FIRE, () -> true);
        deliverer.deliver(teams, Diagnoses.firing(id), Transition.REPEAT, () -> true);
        deliverer.deliver(teams, Diagnoses.resolved(id), Transition.RESOLVE, () -> true);

        assertEquals(List.of(), workflow.received().stream().flatMap(r -> r.violations().stream()).toList());
        List<JsonNode> cards = workflow.accepted().stream().map(m -> m.at("/attachments/0/content")).toList();
        assertEquals(2, cards.size(), "firing and resolved; the repeat sends nothing");
        assertEquals("🔴 FIRING · aws-node keeps waiting for ipamd; the node never gets pod IPs", cards.get(0).at("/body/0/text").asText());
        assertEquals("attention", cards.get(0).at("/body/0/color").asText());
        assertTrue(cards.get(0).toString().contains("Retrying waiting for IPAM-D"), "evidence on the firing card");
        assertEquals("https://docs.aws.amazon.com/eks/latest/userguide/cni-iam-role.html", cards.get(0).at("/actions/0/url").asText());
        assertTrue(cards.get(1).at("/body/0/text").asText().startsWith("✅ RESOLVED"), cards.get(1).toString());
    }

    @Test
    void shouldStayWithinTeamsLimitsForAHugeDiagnosis() throws Exception {
        Teams teams = new Teams("sre", workflow.uri("/workflows/0/triggers/manual/paths/invoke"));
        String huge = "x".repeat(100_000);
        Diagnosis f = Diagnoses.firing("d-00000000000000000d02");
        Diagnosis d = new Diagnosis(f.schemaVersion(), f.id(), f.signature(), huge, f.severity(), f.status(), f.scope(),
                f.firstSeen(), f.lastSeen(), f.count(), f.evidence(), huge, List.of(huge, huge), f.references(), null);

        assertEquals(Retrier.Result.DELIVERED, deliverer.deliver(teams, d, Transition.FIRE, () -> true));
        assertEquals(List.of(), workflow.received().get(0).violations());
    }
}
