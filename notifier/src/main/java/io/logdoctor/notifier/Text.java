package io.logdoctor.notifier;

/** Cutting and escaping text for APIs with length limits, without breaking characters or entities. */
final class Text {

    static final String ELLIPSIS = "…";

    private Text() {
    }

    /**
     * {@code s} cut to at most {@code max} UTF-16 units, ending in an ellipsis when cut. Slack and
     * PagerDuty count characters; a UTF-16 unit count is never smaller, so this stays within either.
     * A surrogate pair is never split.
     */
    static String cut(String s, int max) {
        if (s == null) {
            return "";
        }
        if (s.length() <= max) {
            return s;
        }
        int end = max - ELLIPSIS.length();
        if (end > 0 && Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, Math.max(0, end)) + ELLIPSIS;
    }

    /**
     * {@code s} escaped for Slack mrkdwn ({@code & < >} as entities, so a log line cannot inject a
     * link or a mention) and cut to {@code max} units after escaping. It escapes as it goes so a cut
     * never lands inside an entity or a surrogate pair.
     */
    static String mrkdwn(String s, int max) {
        if (s == null) {
            return "";
        }
        String whole = escape(s, Integer.MAX_VALUE);
        return whole.length() <= max ? whole : escape(s, max - ELLIPSIS.length()) + ELLIPSIS;
    }

    private static String escape(String s, int limit) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            String piece = switch (cp) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                default -> new String(Character.toChars(cp));
            };
            if (out.length() + piece.length() > limit) {
                break;
            }
            out.append(piece);
            i += Character.charCount(cp);
        }
        return out.toString();
    }
}
