package io.logdoctor.notifier;

import io.logdoctor.records.Diagnosis;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FiringMemoryTest {

    private static final String ID = "d-00000000000000000031";
    private final FiringMemory memory = new FiringMemory();

    private Transition see(Diagnosis d) {
        Transition t = memory.classify(0, ID, d);
        memory.apply(0, ID, d);
        return t;
    }

    @Test
    void shouldFireOnceRepeatSilentlyRefineOnceAndResolve() {
        Diagnosis firing = Diagnoses.firing(ID);
        Diagnosis refined = Diagnoses.with(firing, Diagnosis.FIRING, "vpc-cni/ipv4-permission-denied");

        assertEquals(Transition.FIRE, see(firing));
        assertEquals(Transition.REPEAT, see(firing));
        assertEquals(Transition.REFINE, see(refined));
        assertEquals(Transition.REPEAT, see(refined));
        assertEquals(Transition.RESOLVE, see(Diagnoses.resolved(ID)));
        assertEquals(Transition.RESOLVE_UNSEEN, see(Diagnoses.resolved(ID)));
        assertEquals(Transition.FIRE, see(firing), "firing again after a resolve is a new incident");
        assertEquals(1, memory.firing());
    }

    @Test
    void shouldForgetOnATombstoneAndPerPartition() {
        see(Diagnoses.firing(ID));
        assertEquals(Transition.NONE, see(null));
        assertEquals(Transition.FIRE, see(Diagnoses.firing(ID)));

        memory.forget(0);

        assertEquals(0, memory.firing());
        assertEquals(Transition.FIRE, memory.classify(0, ID, Diagnoses.firing(ID)));
    }

    @Test
    void shouldIgnoreAnUnknownStatus() {
        assertEquals(Transition.NONE, see(Diagnoses.with(Diagnoses.firing(ID), "acknowledged", null)));
    }
}
