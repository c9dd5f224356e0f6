package io.logdoctor.records;

import java.util.regex.Pattern;

/** Globs as the catalogue and silences write them: {@code *} is any text, everything else is itself. */
public final class Globs {

    private Globs() {
    }

    /** The regular expression of a glob ({@code vpc-cni/*} → {@code \Qvpc-cni/\E.*}), for a whole-string match. */
    public static String regex(String glob) {
        StringBuilder out = new StringBuilder();
        int from = 0;
        for (int star = glob.indexOf('*'); star >= 0; star = glob.indexOf('*', from)) {
            if (star > from) {
                out.append(Pattern.quote(glob.substring(from, star)));
            }
            out.append(".*");
            from = star + 1;
        }
        if (from < glob.length()) {
            out.append(Pattern.quote(glob.substring(from)));
        }
        return out.toString();
    }
}
