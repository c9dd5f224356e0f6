package io.logdoctor.streams;

import io.logdoctor.records.Diagnosis;
import io.logdoctor.records.Topics;

/**
 * Refuses a diagnosis larger than the diagnoses topic takes, before it is produced. Under exactly-once a
 * record the producer or broker refuses puts the whole transaction in error: the production handler's
 * "resume" cannot save it, the task's records are processed again, fail again, and the thread dies
 * forever (seen on the embedded broker with Kafka 4.3). Thrown here, the failure goes through the
 * processing handler instead, which dead-letters the source record and goes on. Only a signature with
 * huge text (a cause of a megabyte) makes such a diagnosis: evidence lines are bounded ({@link Excerpt}).
 */
final class DiagnosisSize {

    /** The broker's default {@code max.message.bytes} (1 MiB + 12), less room for the key and the batch header. */
    static final int MAX_BYTES = 1_000_000;

    private DiagnosisSize() {
    }

    static Diagnosis checked(Diagnosis diagnosis) {
        byte[] bytes = Topics.DIAGNOSES.valueSerde().serializer().serialize(Topics.DIAGNOSES.name(), diagnosis);
        if (bytes != null && bytes.length > MAX_BYTES) {
            throw new IllegalStateException("diagnosis " + diagnosis.id() + " of signature " + diagnosis.signature() + " is "
                    + bytes.length + " bytes, over the " + MAX_BYTES + " the diagnoses topic takes; shorten the signature's text");
        }
        return diagnosis;
    }
}
