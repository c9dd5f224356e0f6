package io.logdoctor.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The settings tables of the docs against the declarations: every declared setting has a row in its docs
 * file, whose default is the declared one (read through the setting's type, so {@code PT1H} and {@code 1h}
 * agree), or says the computed default as the declaration does. One run lists every offender.
 */
class SettingsDocsTest {

    private static final Path ROOT = Path.of("..");
    private static final Pattern CODE = Pattern.compile("`([^`]*)`");
    private static final Pattern CELL_SEPARATOR = Pattern.compile("(?<!\\\\)\\|");

    @Test
    void shouldDocumentEverySettingWithItsDefault() throws IOException {
        Map<String, Map<String, String>> tables = new HashMap<>();
        List<String> offenders = new ArrayList<>();
        for (Map.Entry<Setting<?>, String> e : declared().entrySet()) {
            Setting<?> s = e.getKey();
            Map<String, String> defaults = tables.computeIfAbsent(s.docs(), SettingsDocsTest::defaultsByName);
            String cell = defaults.get(s.name());
            String who = s.name() + " (" + e.getValue() + ")";
            if (cell == null) {
                offenders.add(s.docs() + " has no settings table row for " + who);
            } else if (s.defaultText() == null) {
                if (!cell.contains(s.defaultDoc())) {
                    offenders.add(s.docs() + " gives the default of " + who + " as '" + cell + "'; the declaration says '"
                            + s.defaultDoc() + "'");
                }
            } else {
                Matcher code = CODE.matcher(cell);
                Object documented = null;
                try {
                    documented = code.find() ? s.kind().parse(code.group(1)) : null;
                } catch (RuntimeException bad) {
                    // documented stays null: reported below
                }
                if (documented == null || !documented.equals(s.defaultValue())) {
                    offenders.add(s.docs() + " gives the default of " + who + " as '" + cell + "'; declared: `" + s.defaultText() + "`");
                }
            }
        }
        assertEquals(List.of(), offenders);
    }

    /** The check itself: a table that lacks a row, and one whose default is not the declared one. */
    @Test
    void shouldReadTheTablesAsTheDocsWriteThem() throws IOException {
        Map<String, String> shipper = defaultsByName(ShipperSettings.DOCS);
        assertEquals("`8082` (`-1`: none)", shipper.get("metrics-port"));
        assertEquals("`" + ShipperSettings.MULTILINE.defaultText() + "`", shipper.get("multiline"), "\\| is a | inside a cell");
        Map<String, String> incidents = defaultsByName(StreamsSettings.INCIDENT_DOCS);
        assertTrue(incidents.containsKey("group-wait"), "a row may name the flag: " + incidents.keySet());
    }

    /** Every setting some service declares, once, with the commands that declare it. */
    private static Map<Setting<?>, String> declared() {
        Map<Setting<?>, String> all = new IdentityHashMap<>();
        for (ServiceSettings service : ServiceSettings.SERVICES) {
            for (Setting<?> s : service.settings()) {
                all.merge(s, "logdoctor " + service.command(), (a, b) -> a + ", " + b);
            }
        }
        assertTrue(all.size() > 50, "declared settings: " + all.size());
        return all;
    }

    /**
     * The default column of each row of each settings table in {@code docs}, by the setting the row names first
     * ({@code `name`} or {@code `--name`}); the first row naming a setting wins.
     */
    private static Map<String, String> defaultsByName(String docs) {
        List<String> lines;
        try {
            lines = Files.readAllLines(ROOT.resolve(docs));
        } catch (IOException e) {
            throw new AssertionError("cannot read " + docs, e);
        }
        Map<String, String> byName = new HashMap<>();
        int column = -1;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (!line.startsWith("|")) {
                column = -1;
                continue;
            }
            List<String> cells = cells(line);
            if (i + 1 < lines.size() && lines.get(i + 1).strip().startsWith("|---")) {
                column = -1;
                for (int c = 0; c < cells.size(); c++) {
                    if (cells.get(c).startsWith("default")) {
                        column = c;
                    }
                }
                i++;
                continue;
            }
            if (column < 0 || column >= cells.size()) {
                continue;
            }
            Matcher first = CODE.matcher(cells.get(0));
            if (first.find()) {
                byName.putIfAbsent(first.group(1).replaceFirst("^--", ""), cells.get(column));
            }
        }
        return byName;
    }

    private static List<String> cells(String row) {
        String inner = row.substring(1, row.endsWith("|") && !row.endsWith("\\|") ? row.length() - 1 : row.length());
        List<String> cells = new ArrayList<>();
        for (String cell : CELL_SEPARATOR.split(inner, -1)) {
            cells.add(cell.replace("\\|", "|").strip());
        }
        return cells;
    }
}
