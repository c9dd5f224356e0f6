package io.logdoctor.streams;

import io.logdoctor.patterns.SignatureCatalog;
import io.logdoctor.records.Diagnosis;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What is firing now in one instance's state store, rendered as diagnosis records. */
final class FiringDiagnoses {

    private FiringDiagnoses() {
    }

    static List<Diagnosis> of(ReadOnlyKeyValueStore<String, DiagnosisState> store, SignatureCatalog catalog) {
        List<Diagnosis> firing = new ArrayList<>();
        try (KeyValueIterator<String, DiagnosisState> all = store.all()) {
            all.forEachRemaining(kv -> {
                if (kv.value.firing()) {
                    catalog.find(kv.value.signature()).ifPresent(s -> firing.add(DiagnosisLifecycle.diagnosis(kv.value, s,
                            Optional.ofNullable(kv.value.refinedBy()).flatMap(catalog::find), Diagnosis.FIRING)));
                }
            });
        }
        return firing;
    }
}
