package io.logdoctor.patterns.mining;

/**
 * The template one line ends in: its cluster's template, with the line's own word kept at each
 * {@code <*>} where the cluster has seen only a few plain words ({@link Template#FEW_VALUES}), so
 * {@code VM Paused} and {@code VM Resumed} stay two templates while {@code user alice} ... {@code user
 * zoe} become {@code user <*>}. Read {@link #text()} after the lines of interest were mined: it follows
 * the cluster as it widens. Holds no copy of the line: at most the template's own instances of its words.
 */
public final class Assignment {

    private final Template template;
    private final String[] words; // Template#wordsOf: null, or the line's words at few-valued positions

    Assignment(Template template, String[] words) {
        this.template = template;
        this.words = words;
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
            if (!template.fewValued(i)) {
                out.append(t[i]);
            } else if (words != null && words[i] != null) {
                out.append(words[i]);
            } else {
                out.append(template.firstValue(i)); // the position was a constant when the line joined
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return template.id() + " " + text();
    }
}
