package io.logdoctor.cli;

import io.logdoctor.patterns.Signature;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The README's catalogue table, generated from the signature files so it is regenerated, never edited:
 * {@code logdoctor signatures list --format markdown}.
 */
final class CatalogTable {

    /** A reference naming the seed incident the signature was written for: "incident 7 (seed 003): ...". */
    private static final Pattern INCIDENT = Pattern.compile("^incident \\d+ \\(seed \\d+\\)");

    private CatalogTable() {
    }

    static String markdown(List<Signature> signatures) {
        StringBuilder table = new StringBuilder("| id | title | severity | source |\n|---|---|---|---|\n");
        for (Signature s : signatures) {
            table.append("| `").append(s.id()).append("` | ").append(cell(s.title())).append(" | ").append(s.severity().label())
                    .append(" | ").append(source(s)).append(" |\n");
        }
        return table.toString();
    }

    /** The seed incident, else which kind of common failure; and what it refines. */
    static String source(Signature s) {
        String source = s.references().stream().map(INCIDENT::matcher).filter(Matcher::find).map(Matcher::group).findFirst()
                .orElse(s.id().startsWith("lambda/") ? "common Lambda failure" : "common EKS failure");
        return source + s.refines().map(r -> "; refines `" + r + "`").orElse("");
    }

    /** A pipe would end the cell early; a line break would end the row. */
    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
