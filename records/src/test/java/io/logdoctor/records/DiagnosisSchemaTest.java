package io.logdoctor.records;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The diagnosis record and docs/diagnosis.schema.json must agree: every required field is written,
 * nothing is written the schema does not name, and the version is the schema's.
 */
class DiagnosisSchemaTest {

    private static final JsonNode SCHEMA = read();

    @Test
    void shouldWriteExactlyWhatTheSchemaDescribes() {
        Diagnosis d = new Diagnosis(Diagnosis.SCHEMA_VERSION, "d-a013f6db9c2c137073f2", "vpc-cni/ipamd-not-ready", "t", "critical",
                Diagnosis.FIRING, new Diagnosis.Scope("demo", "kube-system", "aws-node-2n7dp", "node-1", "aws-node", null, null),
                "2022-09-02T00:21:48Z", "2022-09-02T00:21:56Z", 5,
                List.of(new Diagnosis.Evidence("2022-09-02T00:21:48Z", "line", "/var/log/pods/x/0.log", 12L, null)),
                "cause", List.of("step"), List.of("ref"), "vpc-cni/ipv4-permission-denied");

        List<String> problems = new ArrayList<>();
        check(Json.MAPPER.valueToTree(d), SCHEMA, "", problems);

        assertEquals(List.of(), problems);
        assertEquals(Diagnosis.SCHEMA_VERSION, SCHEMA.at("/properties/schemaVersion/const").asInt());
    }

    static void check(JsonNode value, JsonNode schema, String path, List<String> problems) {
        if (schema.has("required")) {
            schema.get("required").forEach(r -> {
                if (!value.has(r.asText())) {
                    problems.add(path + "/" + r.asText() + ": required by the schema, not written");
                }
            });
        }
        if (value.isObject() && schema.has("properties")) {
            for (Iterator<String> names = value.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                JsonNode property = schema.get("properties").get(name);
                if (property == null) {
                    problems.add(path + "/" + name + ": written, not in the schema");
                } else {
                    check(value.get(name), property, path + "/" + name, problems);
                }
            }
        }
        if (value.isArray() && schema.has("items")) {
            value.forEach(item -> check(item, schema.get("items"), path + "[]", problems));
        }
        if (schema.has("enum") && !schema.get("enum").toString().contains("\"" + value.asText() + "\"")) {
            problems.add(path + ": '" + value.asText() + "' is not one of " + schema.get("enum"));
        }
    }

    private static JsonNode read() {
        return read("diagnosis.schema.json");
    }

    static JsonNode read(String name) {
        try {
            return Json.MAPPER.readTree(Path.of("..", "docs", name).toFile());
        } catch (IOException e) {
            throw new IllegalStateException("docs/" + name + " is unreadable", e);
        }
    }
}
