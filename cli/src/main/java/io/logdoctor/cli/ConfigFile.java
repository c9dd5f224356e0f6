package io.logdoctor.cli;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A {@code --config} properties file, each key with the line it is on, so an error can point at it. Each
 * logical line (a line and its {@code \} continuations) is read by {@link Properties#load}, so escapes,
 * {@code :} separators and comments mean what they always did; a key given twice keeps its last value.
 */
final class ConfigFile {

    /** One key of the file. */
    record Entry(String key, String value, int line) {
    }

    private final Path path;
    private final Map<String, Entry> entries;

    private ConfigFile(Path path, Map<String, Entry> entries) {
        this.path = path;
        this.entries = entries;
    }

    static ConfigFile empty() {
        return new ConfigFile(null, Map.of());
    }

    static ConfigFile read(Path path) throws IOException {
        if (!Files.isRegularFile(path)) {
            throw new IOException("config file " + path + " does not exist");
        }
        List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            int first = i;
            StringBuilder logical = new StringBuilder(lines.get(i));
            while (continues(lines.get(i)) && i + 1 < lines.size()) {
                logical.append('\n').append(lines.get(++i));
            }
            Properties one = new Properties();
            one.load(new StringReader(logical.toString()));
            for (String key : one.stringPropertyNames()) {
                entries.remove(key); // keep the order of the last occurrence
                entries.put(key, new Entry(key, one.getProperty(key), first + 1));
            }
        }
        return new ConfigFile(path, entries);
    }

    /** The entry of {@code key}, or null. */
    Entry get(String key) {
        return entries.get(key);
    }

    Iterable<Entry> entries() {
        return entries.values();
    }

    /** Where {@code entry} is, as an error message says it: {@code file /etc/x.properties line 3}. */
    String where(Entry entry) {
        return "file " + path + " line " + entry.line();
    }

    // A line ending in an odd number of backslashes continues on the next (Properties#load). A comment
    // line never continues.
    private static boolean continues(String line) {
        String s = line.stripLeading();
        if (s.startsWith("#") || s.startsWith("!")) {
            return false;
        }
        int n = 0;
        for (int i = line.length() - 1; i >= 0 && line.charAt(i) == '\\'; i--) {
            n++;
        }
        return n % 2 == 1;
    }
}
