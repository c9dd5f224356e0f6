package io.logdoctor.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServiceSettingsTest {

    /** Options of every command that are no setting: the config file itself, help, and the logging read before picocli. */
    private static final Set<String> NOT_SETTINGS = Set.of("--config", "--help", "--version", "--log-level", "--log-format");

    @Test
    void shouldDeclareEveryFlagOfEveryServiceAsOneOfItsSettings() {
        CommandLine root = Main.commandLine();
        List<String> undeclared = new ArrayList<>();
        for (ServiceSettings service : ServiceSettings.SERVICES) {
            for (OptionSpec option : root.getSubcommands().get(service.command()).getCommandSpec().options()) {
                String flag = option.longestName();
                if (!NOT_SETTINGS.contains(flag) && !service.byName().containsKey(flag.substring(2))) {
                    undeclared.add("logdoctor " + service.command() + " " + flag);
                }
            }
        }
        assertEquals(List.of(), undeclared);
    }

    @Test
    void shouldDeclareTheTopicSettingsForEveryService() {
        for (ServiceSettings service : ServiceSettings.SERVICES) {
            assertTrue(service.byName().keySet().containsAll(Set.of("bootstrap-server", "topic-partitions", "topic-replication",
                    "create-topics")), service.command());
        }
        assertEquals("logdoctor shipper and logdoctor events", ServiceSettings.commandsDeclaring("cluster"));
    }

    @Test
    void shouldGiveTheStreamsAppsInternalTopicsTheTopicReplication() {
        assertEquals(Map.of("replication.factor", "3", "acks", "all"),
                StreamsCommand.streamsProperties(Map.of("acks", "all"), new TopicSettings(6, (short) 3, true, Map.of())));
        assertEquals(Map.of("replication.factor", "2"), StreamsCommand.streamsProperties(Map.of("replication.factor", "2"),
                new TopicSettings(6, (short) 3, true, Map.of())), "kafka.replication.factor wins");
    }
}
