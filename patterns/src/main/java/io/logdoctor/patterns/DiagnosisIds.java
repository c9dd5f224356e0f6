package io.logdoctor.patterns;

import io.logdoctor.records.Diagnosis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Diagnosis ids: the same for one signature in one scope, whichever instance computes them. */
final class DiagnosisIds {

    private DiagnosisIds() {
    }

    static String of(String signatureId, Diagnosis.Scope scope) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha.digest((signatureId + "\n" + scope.key()).getBytes(StandardCharsets.UTF_8));
            return "d-" + HexFormat.of().formatHex(digest, 0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
