package io.logdoctor.broker;

import org.apache.kafka.common.utils.Exit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.BindException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The parts of starting a broker that need no broker. */
class EmbeddedKafkaTest {

    @Test
    void shouldRejectAPortOutOfRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EmbeddedKafka.Options.defaults().withPort(65536));
        assertEquals("port must be 0 (any free port) or 1..65535; was 65536", e.getMessage());
    }

    @Test
    void shouldRefuseADataDirHoldingSomethingElse(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "mine");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EmbeddedKafka.start(EmbeddedKafka.Options.defaults().withDataDir(dir)));

        assertEquals("data dir " + dir.toAbsolutePath() + " is neither empty nor a Kafka log dir (no meta.properties)",
                e.getMessage());
    }

    @Test
    void shouldPickTwoDistinctFreePorts() {
        Ports ports = Ports.pick(0);
        assertNotEquals(ports.broker(), ports.controller());
        assertFalse(ports.anyInUse());
    }

    @Test
    void shouldSeeAPortInUseAndABindFailureInACauseChain() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, Ports.LOOPBACK)) {
            assertTrue(Ports.inUse(taken.getLocalPort()));
        }
        assertTrue(Ports.isBindFailure(new RuntimeException("outer", new BindException("Address already in use"))));
        assertFalse(Ports.isBindFailure(new RuntimeException("outer")));
    }

    @Test
    void shouldTurnKafkasHaltIntoAnExceptionWhileGuarded() {
        ExitGuard.acquire();
        try {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> Exit.halt(1));
            assertEquals("Kafka asked to halt the JVM with status 1; refused, the embedded broker is unusable",
                    e.getMessage());
        } finally {
            ExitGuard.release();
        }
    }
}
