package io.logdoctor.patterns;

/**
 * A signature file that cannot be loaded. The message names the file, the line, the field and the
 * value, in the form {@code vpc-cni/x.yaml:4: field 'severity': must be one of ...; was 'urgent'}.
 */
public final class SignatureException extends RuntimeException {

    private final String file;
    private final int line;
    private final String field;

    SignatureException(String file, int line, String field, String problem) {
        super(file + ":" + line + ": field '" + field + "': " + problem);
        this.file = file;
        this.line = line;
        this.field = field;
    }

    /** The file, relative to the catalogue root. */
    public String file() {
        return file;
    }

    /** The 1-based line of the offending value. */
    public int line() {
        return line;
    }

    /** The dotted path of the offending field, such as {@code fire.window}. */
    public String field() {
        return field;
    }
}
