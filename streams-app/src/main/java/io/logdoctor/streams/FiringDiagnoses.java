package io.logdoctor.streams;

import io.logdoctor.patterns.DiagnosisState;
import io.logdoctor.patterns.FireStep;
import io.logdoctor.patterns.SignatureCatalog;
import io.logdoctor.records.Diagnosis;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.util.ArrayList;
import java.util.List;

/** What is firing now in one instance's state store, rendered as diagnosis records. */
final class FiringDiagnoses {

    private FiringDiagnoses() {
    }

    static List<Diagnosis> of(ReadOnlyKeyValueStore<String, DiagnosisState> store, SignatureCatalog catalog) {
        List<Diagnosis> firing = new ArrayList<>();
        try (KeyValueIterator<String, DiagnosisState> all = store.all()) {
            all.forEachRemaining(kv -> FireStep.firing(catalog, kv.value).ifPresent(firing::add));
        }
        return firing;
    }
}
