package io.logdoctor.notifier;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The static member id: as written, else the pod's name inside Kubernetes, else a dynamic member. */
class GroupInstanceIdTest {

    private static final String ROUTES = "destinations:\n  sre: {slack: {webhookUrl: \"https://hooks.slack.com/services/T0/B0/x\"}}\nroutes:\n  - to: sre\n";

    @TempDir
    Path dir;

    private String id(String header, Map<String, String> env) throws Exception {
        return RoutesFiles.load(dir, header + ROUTES, env).groupInstanceId();
    }

    @Test
    void shouldTakeThePodNameInKubernetesAndStayDynamicElsewhere() throws Exception {
        assertEquals("notifier-7d9f-x2k", id("", Map.of("POD_NAME", "notifier-7d9f-x2k", "HOSTNAME", "other")));
        assertEquals("notifier-7d9f-x2k", id("", Map.of("KUBERNETES_SERVICE_HOST", "10.0.0.1", "HOSTNAME", "notifier-7d9f-x2k")));
        assertNull(id("", Map.of("HOSTNAME", "laptop")), "two notifiers on one host would fence each other");
        assertEquals("notifier-0", id("groupInstanceId: \"${ID}\"\n", Map.of("ID", "notifier-0", "POD_NAME", "p")));
        assertNull(id("groupInstanceId: none\n", Map.of("POD_NAME", "p")));
    }

    @Test
    void shouldJoinAsAStaticMemberOnlyWithAnId() throws Exception {
        NotifierConfig config = RoutesFiles.load(dir, ROUTES, Map.of("POD_NAME", "notifier-0")).withBootstrapServers("127.0.0.1:9092");

        assertEquals("notifier-0", Notifier.consumerConfig(config).get(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG));
        assertFalse(Notifier.consumerConfig(config.withGroupInstanceId(null)).containsKey(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG));
    }
}
