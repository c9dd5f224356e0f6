package io.logdoctor.shipper.sink;

import io.logdoctor.shipper.files.FileCheckpoint;

import io.logdoctor.records.Json;
import com.fasterxml.jackson.core.JsonParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;

/**
 * Builds Jackson's mapper and the checkpoints' (de)serializers on a thread of its own at a restart, while the
 * producer's fence goes up and the offsets reader waits on the broker, instead of on the main thread before the
 * producer starts (0.18 s at load 4) or on the reader's thread when it parses its first checkpoint. The reader and
 * the first commit then find them built; if they get there first, Jackson builds them there as before.
 */
final class JsonWarmup {

    private static final Logger log = LoggerFactory.getLogger(JsonWarmup.class);

    private JsonWarmup() {
    }

    static void start() {
        Thread thread = new Thread(JsonWarmup::warm, "logdoctor-json-warmup");
        thread.setDaemon(true); // nothing waits for it
        thread.start();
    }

    private static void warm() {
        // readerFor/writerFor fetch the root (de)serializer eagerly (EAGER_DESERIALIZER_FETCH, EAGER_SERIALIZER_FETCH:
        // Jackson's defaults); one parse loads the byte parser's classes.
        Json.MAPPER.readerFor(FileCheckpoint.class);
        Json.MAPPER.writerFor(FileCheckpoint.class);
        try (JsonParser parser = Json.MAPPER.createParser(new byte[] {'{', '"', 'v', '"', ':', '1', '}'})) {
            while (parser.nextToken() != null) {
                // every token read
            }
        } catch (IOException e) {
            log.debug("JSON warm-up: {}", e.toString()); // harmless: the first real parse loads what is left
        }
    }
}
