package io.logdoctor.patterns.mining;

/**
 * The template one line ends in: its cluster's template, with the line's own word kept at each
 * {@code <*>} where the cluster has seen only a few plain words ({@link Template#FEW_VALUES}), so
 * {@code VM Paused} and {@code VM Resumed} stay two templates while {@code user alice} ... {@code user
 * zoe} become {@code user <*>}. Read {@link #text()} after the lines of interest were mined: it follows
 * the cluster as it widens. Holds the line's masked tokens.
 */
public final class Assignment {

    private final Template template;
    private final String[] line;

    Assignment(Template template, String[] line) {
        this.template = template;
        this.line = line;
    }

    /** The cluster the line joined. */
    public Template template() {
        return template;
    }

    /** The line's template now, tokens joined by one space. */
    public String text() {
        String[] t = template.tokensView();
        StringBuilder out = new StringBuilder(64);
        for (int i = 0; i < t.length; i++) {
            if (i > 0) {
                out.append(' ');
            }
            out.append(template.fewValued(i) ? line[i] : t[i]);
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return template.id() + " " + text();
    }
}
