package io.logdoctor.notifier;

import io.logdoctor.records.Diagnosis;
import io.logdoctor.records.Incident;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class IncidentViewTest {

    @Test
    void shouldReadFortyPodsAsOneAlertOnTheWorkload() {
        Diagnosis d = IncidentView.of(incident(Diagnosis.FIRING, 40, false, true));

        assertEquals("i-0123456789abcdef0123", d.id());
        assertEquals("aws-node keeps waiting for ipamd (40 firing: aws-node-0, aws-node-1, aws-node-2, ...)", d.title());
        assertEquals(new Diagnosis.Scope("demo", "kube-system", "aws-node", null, null, null, null), d.scope());
        assertEquals(Diagnosis.FIRING, d.status());
        assertEquals(Transition.FIRE, new FiringMemory().classify(0, d.id(), d));
    }

    @Test
    void shouldSendNothingForAHeldIncidentUntilItIsReleased() {
        FiringMemory memory = new FiringMemory();
        Diagnosis held = IncidentView.of(incident(Diagnosis.FIRING, 2, true, false));
        assertEquals(IncidentView.HELD, held.status());
        assertEquals(Transition.NONE, memory.classify(0, held.id(), held));
        memory.apply(0, held.id(), held);

        Diagnosis released = IncidentView.of(incident(Diagnosis.FIRING, 2, false, true));
        assertEquals(Transition.FIRE, memory.classify(0, released.id(), released));
        memory.apply(0, released.id(), released);

        Diagnosis heldAgain = IncidentView.of(incident(Diagnosis.FIRING, 2, true, true));
        assertEquals(Transition.REPEAT, memory.classify(0, heldAgain.id(), heldAgain), "a hold after the page does not page again");
    }

    private static Incident incident(String status, int firing, boolean held, boolean notified) {
        List<Incident.Member> members = new ArrayList<>();
        for (int n = 0; n < firing; n++) {
            members.add(new Incident.Member("d-" + n, Diagnosis.FIRING, new Diagnosis.Scope("demo", "kube-system", "aws-node-" + n,
                    "node-" + n, "aws-node", null, null), "aws-node", null, null, 5, null, null, null));
        }
        return new Incident(1, "i-0123456789abcdef0123", "vpc-cni/ipamd-not-ready", "aws-node keeps waiting for ipamd", "critical",
                status, Map.of("cluster", "demo", "namespace", "kube-system", "workload", "aws-node"), null, null, 5L * firing,
                firing, firing, members, List.of(), "cause", List.of("step"), List.of(), List.of(), List.of(), held, notified,
                "2026-01-05T10:00:00Z");
    }
}
