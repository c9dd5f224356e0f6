package io.logdoctor.streams;

import io.logdoctor.records.Diagnosis;
import io.logdoctor.records.Incident;
import io.logdoctor.records.Silence;
import io.logdoctor.records.SilenceMatchers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The incident timing rules on a TopologyTestDriver, with Alertmanager's defaults (30 s, 5 m, 4 h). */
class IncidentTopologyTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration INTERVAL = Duration.ofMinutes(5);

    @TempDir
    Path stateDir;

    private IncidentDriver app;

    @BeforeEach
    void start() {
        app = new IncidentDriver(stateDir, IncidentTiming.DEFAULTS);
    }

    @AfterEach
    void stop() {
        app.close();
    }

    @Test
    void shouldSendFortyPodsOfOneDaemonSetAsOneIncidentAfterGroupWait() {
        for (int n = 0; n < 40; n++) {
            app.diagnosis(IncidentDriver.ipamd(n, Diagnosis.FIRING));
            app.advance(Duration.ofMillis(500));
        }
        assertEquals(List.of(), app.incidents(), "nothing before group_wait");

        app.advance(Duration.ofSeconds(11)); // 31 s after the first member
        List<Incident> sent = app.incidents();

        assertEquals(1, sent.size());
        Incident i = sent.get(0);
        assertEquals(Diagnosis.FIRING, i.status());
        assertEquals(40, i.firing());
        assertEquals(40, i.members().size());
        assertEquals(Map.of("cluster", "demo", "namespace", "kube-system", "workload", "aws-node"), i.groupLabels());
        assertEquals(IncidentKeys.id("vpc-cni/ipamd-not-ready", i.groupLabels()), i.id());
        assertEquals(200, i.count());
        assertEquals(IncidentLifecycle.EVIDENCE_LINES, i.evidence().size());
        assertFalse(i.held());
        assertTrue(i.notified());
        app.advance(INTERVAL);
        assertEquals(List.of(), app.incidents(), "nothing changed: no update");
    }

    @Test
    void shouldUpdateAtMostOncePerGroupIntervalWhenMembersJoinOrLeave() {
        app.diagnosis(IncidentDriver.ipamd(0, Diagnosis.FIRING));
        app.advance(WAIT);
        assertEquals(1, app.incidents().size());

        app.diagnosis(IncidentDriver.ipamd(1, Diagnosis.FIRING));
        app.advance(Duration.ofMinutes(1));
        app.diagnosis(IncidentDriver.ipamd(2, Diagnosis.FIRING));
        app.diagnosis(IncidentDriver.ipamd(0, Diagnosis.RESOLVED));
        app.advance(Duration.ofMinutes(3));
        assertEquals(List.of(), app.incidents(), "4 minutes after the first record: within group_interval");

        app.advance(Duration.ofMinutes(1));
        List<Incident> update = app.incidents();
        assertEquals(1, update.size(), "two joins and a leave in one update");
        assertEquals(2, update.get(0).firing());
        assertEquals(3, update.get(0).memberCount());
        assertEquals(Diagnosis.RESOLVED, update.get(0).members().get(2).status(), "resolved members listed last");
    }

    @Test
    void shouldRepeatPerRepeatIntervalAndResolveWithItsLastMember() {
        app.diagnosis(IncidentDriver.ipamd(0, Diagnosis.FIRING));
        app.diagnosis(IncidentDriver.ipamd(1, Diagnosis.FIRING));
        app.advance(WAIT);
        String id = app.incidents().get(0).id();

        app.advance(Duration.ofHours(4));
        assertEquals(List.of(Diagnosis.FIRING), app.incidents().stream().map(Incident::status).toList(), "the repeat");

        app.diagnosis(IncidentDriver.ipamd(0, Diagnosis.RESOLVED));
        app.advance(Duration.ofSeconds(1));
        app.diagnosis(IncidentDriver.ipamd(1, Diagnosis.RESOLVED));
        app.advance(Duration.ofSeconds(1));
        List<Incident> resolved = app.incidents();
        assertEquals(1, resolved.size(), "the leave of the first waits for group_interval; the last one resolves at once");
        assertEquals(Diagnosis.RESOLVED, resolved.get(0).status());
        assertEquals(id, resolved.get(0).id());
        assertEquals(0, resolved.get(0).firing());
    }

    @Test
    void shouldForgetAnIncidentWhoseMembersResolvedWithinGroupWait() {
        app.diagnosis(IncidentDriver.ipamd(0, Diagnosis.FIRING));
        app.advance(Duration.ofSeconds(10));
        app.diagnosis(IncidentDriver.ipamd(0, Diagnosis.RESOLVED));
        app.advance(WAIT);

        assertEquals(List.of(), app.incidents());
    }

    @Test
    void shouldHoldBackASilencedIncidentAndSendItWhenTheSilenceExpires() {
        Silence silence = new Silence("s-1", List.of(SilenceMatchers.parse("signature=vpc-cni/*"),
                SilenceMatchers.parse("namespace=kube-system")), IncidentDriver.T0.toString(),
                IncidentDriver.T0.plus(Duration.ofMinutes(2)).toString(), "sre", "node group rollout");
        app.silence(silence);
        app.diagnosis(IncidentDriver.ipamd(0, Diagnosis.FIRING));
        app.advance(WAIT);

        Incident held = app.incidents().get(0);
        assertTrue(held.held());
        assertFalse(held.notified());
        assertEquals(List.of("s-1"), held.silencedBy());
        assertEquals(List.of("s-1"), held.members().get(0).silencedBy());

        app.advance(Duration.ofMinutes(2));
        List<Incident> released = app.incidents();
        assertEquals(1, released.size(), "sent when the silence ends, not at the next group_interval");
        assertFalse(released.get(0).held());
        assertTrue(released.get(0).notified());
        assertEquals(List.of(), released.get(0).silencedBy());
    }

    @Test
    void shouldListTheNodeNotReadyThatExplainsAPodAndHoldAnIncidentItExplainsWhole() {
        app.onDiagnosesTopic(IncidentDriver.nodeNotReady(3, Diagnosis.FIRING));
        app.diagnosis(IncidentDriver.ipamd(3, Diagnosis.FIRING));
        app.advance(WAIT);

        Incident i = app.incidents().get(0);
        assertTrue(i.held(), "its only member is explained");
        assertEquals(List.of("node/not-ready"), i.explainedBy());
        assertEquals(List.of("node/not-ready on node ip-10-0-0-3"), i.members().get(0).explainedBy());

        app.diagnosis(IncidentDriver.ipamd(4, Diagnosis.FIRING)); // another node: not explained
        app.advance(INTERVAL);
        Incident update = app.incidents().get(0);
        assertFalse(update.held());
        assertEquals(List.of("node/not-ready"), update.explainedBy(), "still listed for the member it explains");

        app.onDiagnosesTopic(IncidentDriver.nodeNotReady(3, Diagnosis.RESOLVED));
        app.advance(Duration.ofSeconds(1));
        assertEquals(List.of(), app.incidents().get(0).explainedBy(), "the inhibitor resolved: sent at once, explained by nothing");
    }
}
