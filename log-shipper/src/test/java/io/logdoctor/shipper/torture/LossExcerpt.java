package io.logdoctor.shipper.torture;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * For each container that lost or repeated lines, puts side by side in {@code explain.txt} what the
 * harness did to its file (the journal) and what the shipper said about it (its log lines naming the
 * container's directory), as input for whoever fixes the loss.
 */
final class LossExcerpt {

    private static final int MOST = 60;

    private LossExcerpt() {
    }

    static void write(Path dir, List<ContainerResult> results) throws IOException {
        List<String> out = new ArrayList<>();
        for (ContainerResult r : results) {
            if (r.lost() == 0 && r.duplicated() == 0) {
                continue;
            }
            out.add("== " + r.container() + ": lost " + r.lost() + " " + r.missing() + ", duplicated " + r.duplicated());
            out.add("-- harness journal:");
            out.addAll(matching(dir.resolve("journal.log"), r.container() + " ", "killer", "broker", "exited"));
            out.add("-- shipper log:");
            out.addAll(matching(dir.resolve("shipper.log"), "/" + r.container() + "/", "=== torture harness"));
        }
        Files.write(dir.resolve("explain.txt"), out, StandardCharsets.UTF_8);
    }

    private static List<String> matching(Path file, String... needles) throws IOException {
        if (!Files.exists(file)) {
            return List.of("(no " + file.getFileName() + ")");
        }
        List<String> hits;
        try (Stream<String> lines = Files.lines(file, StandardCharsets.ISO_8859_1)) {
            hits = lines.filter(l -> Stream.of(needles).anyMatch(l::contains)).toList();
        }
        return hits.size() <= MOST ? hits : hits.subList(hits.size() - MOST, hits.size());
    }
}
