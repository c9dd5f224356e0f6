package io.logdoctor.streams;

import io.logdoctor.patterns.Signature;
import io.logdoctor.records.Diagnosis;
import io.logdoctor.records.Labels;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Which incident a diagnosis belongs to: its signature and the values of its group_by labels, hashed to a stable id. */
final class IncidentKeys {

    private IncidentKeys() {
    }

    /** The labels of a diagnosis, the owner workload derived from its pod name. */
    static Map<String, String> labels(Diagnosis d) {
        Diagnosis.Scope s = d.scope();
        return Labels.of(d.signature(), d.severity(), s, s == null ? null : Owners.workload(s.pod(), s.node()));
    }

    /** The group labels of a diagnosis: its signature's group_by, else the global one; only those with a value. */
    static Map<String, String> groupLabels(Diagnosis d, Signature signature, List<String> globalGroupBy) {
        List<String> groupBy = signature == null ? globalGroupBy : signature.grouping().groupBy().orElse(globalGroupBy);
        Map<String, String> all = labels(d);
        Map<String, String> group = new LinkedHashMap<>();
        for (String label : groupBy) {
            if (all.containsKey(label)) {
                group.put(label, all.get(label));
            }
        }
        return group;
    }

    /** {@code i-} and 20 hex digits, the same for one signature and group key on every instance. */
    static String id(String signature, Map<String, String> groupLabels) {
        StringBuilder key = new StringBuilder(signature);
        groupLabels.forEach((k, v) -> key.append('\n').append(k).append('=').append(v));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.toString().getBytes(StandardCharsets.UTF_8));
            return "i-" + HexFormat.of().formatHex(digest, 0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
