package io.logdoctor.benchmarks.mining;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One Loghub 2k set read from its {@code <Name>_2k.log_structured.csv}: each line's message
 * ({@code Content}, the text after the header that Loghub's benchmark cuts off with a per-system
 * {@code log_format}) and its ground-truth {@code EventId}.
 */
public record LoghubSet(String name, List<String> contents, List<String> events) {

    /** The 16 sets of Loghub's 2k benchmark, in its table order. */
    public static final List<String> NAMES = List.of("HDFS", "Hadoop", "Spark", "Zookeeper", "BGL", "HPC",
            "Thunderbird", "Windows", "Linux", "Android", "HealthApp", "Apache", "Proxifier", "OpenSSH",
            "OpenStack", "Mac");

    /** Reads {@code dir/<name>_2k.log_structured.csv}; an unreadable row names the file and row. */
    public static LoghubSet read(Path dir, String name) throws IOException {
        Path file = dir.resolve(name + "_2k.log_structured.csv");
        String text = Files.readString(file, StandardCharsets.UTF_8);
        List<List<String>> rows = Csv.parse(text);
        List<String> header = rows.get(0);
        int content = header.indexOf("Content");
        int event = header.indexOf("EventId");
        if (content < 0 || event < 0) {
            throw new IOException(file + ": header has no Content or EventId column: " + header);
        }
        List<String> contents = new ArrayList<>();
        List<String> events = new ArrayList<>();
        for (int r = 1; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            if (row.size() == 1 && row.get(0).isEmpty()) {
                continue;
            }
            if (row.size() != header.size()) {
                throw new IOException(file + ": row " + (r + 1) + " has " + row.size() + " fields, header has "
                        + header.size());
            }
            contents.add(row.get(content));
            events.add(row.get(event));
        }
        return new LoghubSet(name, contents, events);
    }
}
