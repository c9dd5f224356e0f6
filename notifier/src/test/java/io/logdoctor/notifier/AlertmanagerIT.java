package io.logdoctor.notifier;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Alertmanager destination against a real Alertmanager (Debian package prometheus-alertmanager,
 * installed by .ci/run) on a loopback port with a temporary config and storage: fire, see the alert
 * active with our labels through its own API, resolve, see it gone from the active alerts.
 */
class AlertmanagerIT {

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private AlertmanagerProcess alertmanager;
    private URI base;

    @TempDir
    Path dir;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(AlertmanagerProcess.binary() != null, AlertmanagerProcess.MISSING);
        alertmanager = AlertmanagerProcess.start(dir, DEADLINE);
        base = alertmanager.base();
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (alertmanager != null) {
            alertmanager.close();
        }
    }

    @Test
    void shouldFireAnActiveAlertWithOurLabelsAndResolveIt() throws Exception {
        Alertmanager destination = new Alertmanager("am", base, Map.of("team", "platform"), "http://logdoctor-streams:8080/diagnoses",
                Alertmanager.DEFAULT_HOLD_FOR, Clock.systemUTC());
        Deliverer deliverer = TestDeliverers.withoutWaiting();
        String id = "d-00000000000000000a11";

        assertEquals(Retrier.Result.DELIVERED, deliverer.deliver(destination, Diagnoses.firing(id), Transition.FIRE, () -> true));
        JsonNode alert = await(() -> alerts(id), a -> a.size() == 1, "the alert is listed").get(0);
        assertEquals("active", alert.at("/status/state").asText(), alert.toString());
        assertEquals("vpc-cni/ipamd-not-ready", alert.at("/labels/alertname").asText());
        assertEquals("critical", alert.at("/labels/severity").asText());
        assertEquals("demo", alert.at("/labels/cluster").asText());
        assertEquals("kube-system", alert.at("/labels/namespace").asText());
        assertEquals("aws-node-2n7dp", alert.at("/labels/pod").asText());
        assertEquals("platform", alert.at("/labels/team").asText());
        assertEquals("aws-node keeps waiting for ipamd; the node never gets pod IPs", alert.at("/annotations/summary").asText());
        assertEquals("https://docs.aws.amazon.com/eks/latest/userguide/cni-iam-role.html", alert.at("/annotations/runbook_url").asText());
        assertEquals("http://logdoctor-streams:8080/diagnoses", alert.path("generatorURL").asText());

        assertEquals(Retrier.Result.DELIVERED, deliverer.deliver(destination, Diagnoses.resolved(id), Transition.RESOLVE, () -> true));
        await(() -> alerts(id), List::isEmpty, "the alert is no longer active");
    }

    /** Our alert as Alertmanager lists it (active, silenced and inhibited ones alike; resolved ones are left out). */
    private List<JsonNode> alerts(String id) throws IOException, InterruptedException {
        return alertmanager.alerts("diagnosis", id);
    }

    @FunctionalInterface
    private interface Probe<T> {
        T get() throws IOException, InterruptedException;
    }

    private <T> T await(Probe<T> probe, Predicate<T> done, String what) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        T last = null;
        while (System.nanoTime() < deadline) {
            try {
                last = probe.get();
                if (done.test(last)) {
                    return last;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError(what + " within " + DEADLINE + "; last: " + last);
    }

}
