package io.logdoctor.streams;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class OwnersTest {

    @Test
    void shouldNameTheWorkloadAsKubernetesNamesItsPods() {
        assertEquals("aws-load-balancer-controller", Owners.workload("aws-load-balancer-controller-5b7f9f6d8c-xk2lp", null));
        assertEquals("coredns", Owners.workload("coredns-7d4b9c8f5-2n7dp", null));
        assertEquals("aws-node", Owners.workload("aws-node-2n7dp", "ip-10-0-1-23"));
        assertEquals("kafka", Owners.workload("kafka-0", null));
        assertEquals("backup", Owners.workload("backup-28391040-x7k2p", null));
        assertEquals("kube-apiserver", Owners.workload("kube-apiserver-ip-10-0-1-23.ec2.internal", "ip-10-0-1-23.ec2.internal"));
    }

    @Test
    void shouldKeepANameThatHasNoGeneratedSuffix() {
        assertEquals("debug", Owners.workload("debug", null));
        assertEquals("kube-proxy", Owners.workload("kube-proxy", null), "'proxy' has a vowel: not a generated suffix");
        assertEquals("fluent-bit", Owners.workload("fluent-bit-q8x2m", null));
    }
}
