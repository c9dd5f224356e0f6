package io.logdoctor.patterns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logdoctor.records.Diagnosis;
import io.logdoctor.records.JsonSerde;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/** The persisted state through the streams app's store serde: today's stores must still read. */
class DiagnosisStateTest {

    /** A state as the app wrote it before states carried a version (serialized by that code, copied here). */
    private static final String UNVERSIONED = """
            {"signature":"vpc-cni/ipamd-not-ready","scope":{"cluster":"demo","namespace":"kube-system",\
            "pod":"aws-node-2n7dp","node":"ip-10-0-1-5","container":"aws-node","source":"k8s"},"firing":true,\
            "recent":[1662078108321,1662078116355],"afterSeenAt":null,"firstSeen":"2022-09-02T00:21:48.321000690Z",\
            "lastSeen":"2022-09-02T00:21:56.355000836Z","count":5,"evidence":[{"ts":"2022-09-02T00:21:56.355000836Z",\
            "line":"Retrying waiting for IPAM-D","file":"/var/log/pods/kube-system_aws-node-2n7dp_1/aws-node/0.log",\
            "offset":4096}],"lastEventTime":1662078116355,"lastMatchWall":1765015200000,"refinedBy":null,\
            "lastEmitWall":1765015190000}""";

    private final JsonSerde<DiagnosisState> serde = JsonSerde.of(DiagnosisState.class);

    @Test
    void shouldReadAStateWrittenBeforeStatesCarriedAVersion() {
        DiagnosisState s = read(UNVERSIONED);

        assertEquals(DiagnosisState.VERSION, s.version());
        assertEquals("vpc-cni/ipamd-not-ready", s.signature());
        assertEquals(new Diagnosis.Scope("demo", "kube-system", "aws-node-2n7dp", "ip-10-0-1-5", "aws-node", null, null,
                "k8s", null), s.scope());
        assertTrue(s.firing());
        assertEquals(List.of(1662078108321L, 1662078116355L), s.recent());
        assertEquals(null, s.afterSeenAt());
        assertEquals("2022-09-02T00:21:48.321000690Z", s.firstSeen());
        assertEquals("2022-09-02T00:21:56.355000836Z", s.lastSeen());
        assertEquals(5, s.count());
        assertEquals(List.of(new Diagnosis.Evidence("2022-09-02T00:21:56.355000836Z", "Retrying waiting for IPAM-D",
                "/var/log/pods/kube-system_aws-node-2n7dp_1/aws-node/0.log", 4096L, null)), s.evidence());
        assertEquals(1662078116355L, s.lastEventTime());
        assertEquals(1765015200000L, s.lastMatchWall());
        assertEquals(null, s.refinedBy());
        assertEquals(1765015190000L, s.lastEmitWall());
    }

    @Test
    void shouldWriteItsVersionAndReadItBack() {
        DiagnosisState s = read(UNVERSIONED);
        String written = new String(serde.serialize("t", s), StandardCharsets.UTF_8);

        assertTrue(written.startsWith("{\"version\":1,"), written);
        assertEquals(s, read(written));
    }

    @Test
    void shouldRefuseAStateWrittenByANewerApp() {
        SerializationException e = assertThrows(SerializationException.class,
                () -> read("{\"version\":2," + UNVERSIONED.substring(1)));

        assertTrue(e.getMessage().contains("diagnosis state of vpc-cni/ipamd-not-ready has version 2; this streams app "
                + "reads up to version 1: run the newer version, or reset the app's state"), e.getMessage());
    }

    private DiagnosisState read(String json) {
        return serde.deserialize("diagnosis-state", json.getBytes(StandardCharsets.UTF_8));
    }
}
