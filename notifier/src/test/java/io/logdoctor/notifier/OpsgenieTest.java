package io.logdoctor.notifier;

import com.fasterxml.jackson.databind.JsonNode;
import io.logdoctor.records.Diagnosis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Opsgenie's Alert API against a local server that checks the key, the paths and the create request. */
class OpsgenieTest {

    private static final String KEY = "eb243592-faa2-4ba2-a551q-1afdf565c889";
    private FakeEndpoint api;
    private Deliverer deliverer;

    @BeforeEach
    void start() throws Exception {
        api = DestinationFormats.opsgenie(KEY);
        deliverer = TestDeliverers.withoutWaiting();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void shouldCreateWithTheIdAsAliasAndCloseByAlias() throws Exception {
        Opsgenie opsgenie = new Opsgenie("oncall", KEY, api.uri("/"));
        String id = "d-00000000000000000e01";

        deliverer.deliver(opsgenie, Diagnoses.firing(id), Transition.FIRE, () -> true);
        deliverer.deliver(opsgenie, Diagnoses.with(Diagnoses.firing(id), "firing", "vpc-cni/ipv4-permission-denied"), Transition.REFINE, () -> true);
        deliverer.deliver(opsgenie, Diagnoses.resolved(id), Transition.RESOLVE, () -> true);

        List<FakeEndpoint.Received> got = api.received();
        assertEquals(List.of(), got.stream().flatMap(r -> r.violations().stream()).toList());
        assertEquals(List.of("/v2/alerts", "/v2/alerts", "/v2/alerts/" + id + "/close"), got.stream().map(FakeEndpoint.Received::path).toList());
        JsonNode create = got.get(0).body();
        assertEquals(id, create.get("alias").asText());
        assertEquals("P1", create.get("priority").asText(), "critical");
        assertEquals("[critical] aws-node keeps waiting for ipamd; the node never gets pod IPs", create.get("message").asText());
        assertEquals("demo/kube-system/aws-node-2n7dp", create.get("entity").asText());
        assertEquals("vpc-cni/ipv4-permission-denied", got.get(1).body().at("/details/refinedBy").asText());
    }

    @Test
    void shouldMapSeverityToPriority() throws Exception {
        Opsgenie opsgenie = new Opsgenie("oncall", KEY, api.uri("/"));
        for (String severity : List.of("critical", "error", "warning", "info")) {
            deliverer.deliver(opsgenie, Diagnoses.severity(Diagnoses.firing("d-00000000000000000e02"), severity), Transition.FIRE, () -> true);
        }

        assertEquals(List.of("P1", "P2", "P3", "P5"), api.bodies().stream().map(b -> b.get("priority").asText()).toList());
    }

    @Test
    void shouldCutALongSignatureToATag() throws Exception {
        Opsgenie opsgenie = new Opsgenie("oncall", KEY, api.uri("/"));
        Diagnosis d = DiagnosesTopic.signature(Diagnoses.firing("d-00000000000000000e04"), "aws-load-balancer-controller/alb-static-ip-stale-target");

        assertEquals(Retrier.Result.DELIVERED, deliverer.deliver(opsgenie, d, Transition.FIRE, () -> true));
        assertEquals(List.of(), api.received().get(0).violations());
    }

    @Test
    void shouldGiveUpOnAWrongKeyWithoutRetrying() throws Exception {
        Opsgenie opsgenie = new Opsgenie("oncall", "wrong", api.uri("/"));

        assertEquals(Retrier.Result.REJECTED, deliverer.deliver(opsgenie, Diagnoses.firing("d-00000000000000000e03"), Transition.FIRE, () -> true));
        assertEquals(1, api.received().size());
    }
}
