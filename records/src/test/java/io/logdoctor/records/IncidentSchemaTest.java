package io.logdoctor.records;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The incident record and docs/incident.schema.json must agree, as the diagnosis and its schema do. */
class IncidentSchemaTest {

    @Test
    void shouldWriteExactlyWhatTheSchemaDescribes() {
        Diagnosis.Scope scope = new Diagnosis.Scope("demo", "kube-system", "aws-node-2n7dp", "node-1", "aws-node", null, null);
        Incident i = new Incident(Incident.SCHEMA_VERSION, "i-a013f6db9c2c137073f2", "vpc-cni/ipamd-not-ready", "t", "critical",
                Diagnosis.FIRING, Map.of("cluster", "demo", "namespace", "kube-system", "workload", "aws-node"),
                "2022-09-02T00:21:48Z", "2022-09-02T00:21:56Z", 5, 1, 1,
                List.of(new Incident.Member("d-a013f6db9c2c137073f2", Diagnosis.FIRING, scope, "aws-node", "2022-09-02T00:21:48Z",
                        "2022-09-02T00:21:56Z", 5, null, List.of("s-1"), List.of("node/not-ready on node node-1"))),
                List.of(new Diagnosis.Evidence("2022-09-02T00:21:48Z", "line", "/var/log/pods/x/0.log", 12L, null)),
                "cause", List.of("step"), List.of("ref"), List.of("s-1"), List.of("node/not-ready"), true, false, "2022-09-02T00:22:30Z");
        JsonNode schema = DiagnosisSchemaTest.read("incident.schema.json");

        List<String> problems = new ArrayList<>();
        DiagnosisSchemaTest.check(Json.MAPPER.valueToTree(i), schema, "", problems);

        assertEquals(List.of(), problems);
        assertEquals(Incident.SCHEMA_VERSION, schema.at("/properties/schemaVersion/const").asInt());
    }
}
