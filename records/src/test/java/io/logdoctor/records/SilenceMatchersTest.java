package io.logdoctor.records;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SilenceMatchersTest {

    private static final Map<String, String> IPAMD = Map.of("signature", "vpc-cni/ipamd-not-ready", "namespace", "kube-system",
            "pod", "aws-node-2n7dp");

    @Test
    void shouldTurnAGlobIntoAnAnchoredRegex() {
        Silence.Matcher m = SilenceMatchers.parse("signature=vpc-cni/*");

        assertEquals(new Silence.Matcher("signature", "=~", "\\Qvpc-cni/\\E.*"), m);
        assertTrue(SilenceMatchers.matchAll(List.of(m), IPAMD));
        assertFalse(SilenceMatchers.matchAll(List.of(m), Map.of("signature", "x/vpc-cni/ipamd")));
    }

    @Test
    void shouldMatchTheFourOperatorsAsAlertmanagerDoes() {
        assertTrue(SilenceMatchers.matchAll(List.of(SilenceMatchers.parse("namespace=kube-system")), IPAMD));
        assertFalse(SilenceMatchers.matchAll(List.of(SilenceMatchers.parse("namespace!=kube-system")), IPAMD));
        assertTrue(SilenceMatchers.matchAll(List.of(SilenceMatchers.parse("pod=~\"aws-node-.+\"")), IPAMD));
        assertFalse(SilenceMatchers.matchAll(List.of(SilenceMatchers.parse("pod=~aws-node")), IPAMD), "anchored at both ends");
        assertTrue(SilenceMatchers.matchAll(List.of(SilenceMatchers.parse("node!~.+")), IPAMD), "a missing label reads as empty");
    }

    @Test
    void shouldNameABadMatcherAndWhatToWrite() {
        assertEquals("matcher 'namespace': write name=value, name!=value, name=~regex or name!~regex",
                assertThrows(IllegalArgumentException.class, () -> SilenceMatchers.parse("namespace")).getMessage());
        assertEquals("matcher 'team=sre': unknown label 'team'; labels are [cluster, container, function, logGroup, namespace, node, "
                        + "pod, severity, signature, workload]",
                assertThrows(IllegalArgumentException.class, () -> SilenceMatchers.parse("team=sre")).getMessage());
        assertEquals("matcher pod=~\"(\": not a regular expression (Unclosed group)",
                assertThrows(IllegalArgumentException.class, () -> SilenceMatchers.parse("pod=~(")).getMessage());
    }
}
