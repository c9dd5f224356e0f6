package io.logdoctor.broker;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The directory that holds a broker's logs and metadata: a temp dir of its own, or one the user keeps. */
record DataDir(Path path, boolean temporary) {

    /** A new temp dir when {@code requested} is null, else {@code requested}, created if missing. */
    static DataDir open(Path requested) {
        try {
            if (requested == null) {
                return new DataDir(Files.createTempDirectory("logdoctor-kafka-"), true);
            }
            Path dir = requested.toAbsolutePath();
            Files.createDirectories(dir);
            if (!isFormatted(dir) && !isEmpty(dir)) {
                // Formatting would write Kafka's files among someone else's.
                throw new IllegalArgumentException("data dir " + dir
                        + " is neither empty nor a Kafka log dir (no meta.properties)");
            }
            return new DataDir(dir, false);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create data dir " + requested + ": " + e.getMessage(), e);
        }
    }

    /** Formats the dir for a new cluster unless it already holds one, so data survives restarts. */
    void formatIfNeeded() throws Exception {
        if (isFormatted(path)) {
            return;
        }
        new Formatter()
                // Formatter prints two lines to stdout ("Bootstrap metadata", "Formatting ..."): not ours to print.
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setNodeId(BrokerConfig.NODE_ID)
                .setClusterId(Uuid.randomUuid().toString())
                .setDirectories(List.of(path.toString()))
                .setMetadataLogDirectory(path.toString())
                .setControllerListenerName(BrokerConfig.CONTROLLER_LISTENER)
                .setReleaseVersion(MetadataVersion.latestProduction())
                .run();
    }

    /** Deletes the dir if it is a temp dir of ours; a kept dir is left alone. */
    void deleteIfTemporary() {
        if (temporary) {
            try {
                Utils.delete(path.toFile());
            } catch (IOException e) {
                throw new IllegalStateException("cannot delete temp dir " + path + ": " + e.getMessage(), e);
            }
        }
    }

    private static boolean isFormatted(Path dir) {
        return Files.exists(dir.resolve("meta.properties"));
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }
}
