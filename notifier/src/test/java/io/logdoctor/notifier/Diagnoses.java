package io.logdoctor.notifier;

import io.logdoctor.records.Diagnosis;

import java.util.List;

/** Diagnoses shaped like the streams app's, for tests. */
final class Diagnoses {

    static final Diagnosis.Scope POD = new Diagnosis.Scope("demo", "kube-system", "aws-node-2n7dp", "demo-node", "aws-node", null, null);

    private Diagnoses() {
    }

    static Diagnosis firing(String id) {
        return new Diagnosis(Diagnosis.SCHEMA_VERSION, id, "vpc-cni/ipamd-not-ready",
                "aws-node keeps waiting for ipamd; the node never gets pod IPs", "critical", Diagnosis.FIRING, POD,
                "2022-09-02T00:21:48.321000690Z", "2022-09-02T00:21:56.355000836Z", 5,
                List.of(new Diagnosis.Evidence("2022-09-02T00:21:48.321456789Z",
                        "{\"level\":\"info\",\"msg\":\"Retrying waiting for IPAM-D\"}", "/var/log/pods/kube-system_aws-node-2n7dp_x/aws-node/0.log", 1204L, null)),
                "The aws-node container starts ipamd and waits for it to answer its health probe.",
                List.of("Read ipamd's log on an affected node", "kubectl -n kube-system rollout restart daemonset aws-node"),
                List.of("incident 1 (seed 000): new nodes never get ready", "https://docs.aws.amazon.com/eks/latest/userguide/cni-iam-role.html"),
                null);
    }

    static Diagnosis with(Diagnosis d, String status, String refinedBy) {
        return new Diagnosis(d.schemaVersion(), d.id(), d.signature(), d.title(), d.severity(), status, d.scope(),
                d.firstSeen(), d.lastSeen(), d.count(), d.evidence(), d.cause(), d.remediation(), d.references(), refinedBy);
    }

    static Diagnosis resolved(String id) {
        return with(firing(id), Diagnosis.RESOLVED, null);
    }

    static Diagnosis severity(Diagnosis d, String severity) {
        return new Diagnosis(d.schemaVersion(), d.id(), d.signature(), d.title(), severity, d.status(), d.scope(),
                d.firstSeen(), d.lastSeen(), d.count(), d.evidence(), d.cause(), d.remediation(), d.references(), d.refinedBy());
    }
}
