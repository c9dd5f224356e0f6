package io.logdoctor.shipper.events;

import io.logdoctor.shipper.testing.ChildKiller;
import io.logdoctor.shipper.testing.RawLines;
import io.logdoctor.shipper.testing.ShipperJvm;
import io.logdoctor.shipper.testing.Topics4Test;

import io.logdoctor.broker.EmbeddedKafka;
import io.logdoctor.broker.EmbeddedKafkaExtension;
import io.logdoctor.records.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * kill -9 of the events writer process at random points while events are created in fabric8's API server
 * fake (CRUD mode, in this JVM on a local port; the child reads it through a kubeconfig file), three times,
 * restarting it each time: every event exactly once on {@code logs.raw} under read_committed. The kill delays
 * come from a seed that is printed, so a failing run can be repeated with {@code -Deventskill.seed=N}.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class EventsKillIT {

    @TempDir
    Path dir;

    @Test
    void shouldShipEveryEventExactlyOnceAcrossThreeKills(EmbeddedKafka kafka) throws Exception {
        String bootstrap = kafka.bootstrapServers();
        Topics4Test.create(bootstrap);
        String cluster = "events-kill";
        long seed = Long.getLong("eventskill.seed", System.currentTimeMillis());
        try (KubeMock kube = new KubeMock(); RawLines raw = new RawLines(bootstrap, cluster)) {
            Path kubeconfig = kubeconfig(kube.url());
            ChildKiller killer = new ChildKiller(seed, 2500, () -> start(bootstrap, cluster, kubeconfig));
            Set<String> created = ConcurrentHashMap.newKeySet();
            try {
                killer.begin();
                long started = System.nanoTime();
                int i = 0;
                while (killer.killing() || System.nanoTime() - started < 2_000_000_000L) { // creating until after the last restart
                    created.add(KubeEventRecord.deliveryId(kube.event("shop", "api.kill" + i, "api-" + i % 7, "Warning", "BackOff",
                            "Back-off restarting failed container api in pod api-" + i % 7 + "_shop(uid) #" + i)));
                    i++;
                    Thread.sleep(20);
                }
                long writerStopped = System.nanoTime();
                boolean complete = raw.pollUntil(r -> ids(r).keySet().containsAll(created), Duration.ofSeconds(90));
                raw.pollUntil(r -> false, Duration.ofSeconds(2));
                Map<String, Integer> ids = ids(raw);
                long lost = created.stream().filter(id -> !ids.containsKey(id)).count();
                long duplicated = ids.values().stream().mapToLong(n -> n - 1).sum();
                System.out.printf("EventsKillIT (%s): created %d events, %d kill -9 and restarts; "
                        + "caught up %.1f s after the creator stopped; lost %d, duplicated %d%n", killer.plan(),
                        created.size(), killer.kills(), (System.nanoTime() - writerStopped) / 1e9, lost, duplicated);
                if (lost > 0 || duplicated > 0) {
                    Files.copy(dir.resolve("events.log"), Path.of("target", "EventsKillIT-events.log"), StandardCopyOption.REPLACE_EXISTING);
                }
                assertEquals(3, killer.kills());
                assertTrue(complete, "lost " + lost + " (seed " + seed + ")");
                assertEquals(0, duplicated, "seed " + seed);
                assertEquals(created, ids.keySet(), "nothing that was not created");
            } finally {
                killer.close();
            }
        }
    }

    private static Map<String, Integer> ids(RawLines raw) {
        Map<String, Integer> ids = new HashMap<>();
        raw.records.stream().map(LogRecord::deliveryId).forEach(id -> ids.merge(id, 1, Integer::sum));
        return ids;
    }

    /** A kubeconfig naming the fake API server, as {@code --kubeconfig} would. */
    private Path kubeconfig(String url) throws IOException {
        return Files.writeString(dir.resolve("kubeconfig"), String.join("\n",
                "apiVersion: v1", "kind: Config", "current-context: mock",
                "clusters:", "- name: mock", "  cluster:", "    server: " + url,
                "users:", "- name: events", "  user:", "    token: not-checked",
                "contexts:", "- name: mock", "  context:", "    cluster: mock", "    user: events", ""));
    }

    private Process start(String bootstrap, String cluster, Path kubeconfig) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // Under failsafe java.class.path is a manifest-only jar whose Class-Path the child follows.
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(ShipperJvm.OPTIONS);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), EventsChild.class.getName(), bootstrap, cluster,
                kubeconfig.toString()));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("events.log").toFile())).start();
    }
}
