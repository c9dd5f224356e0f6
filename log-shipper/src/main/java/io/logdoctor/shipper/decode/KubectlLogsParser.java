package io.logdoctor.shipper.decode;

/**
 * Reads what {@code kubectl logs} prints: the container's lines as it wrote them, each prefixed with its
 * RFC 3339 time and a space under {@code --timestamps} (kubelet's {@code ReadLogs} formats the runtime's
 * time with Go's {@code time.RFC3339Nano}). The stream is not printed, so every line counts as stdout; a
 * line that does not start with such a time is taken whole, so files saved with and without
 * {@code --timestamps} read the same way. An application line that itself starts with an RFC 3339 time
 * and a space gives that time to the record and keeps the rest as its message.
 */
final class KubectlLogsParser {

    private KubectlLogsParser() {
    }

    static CriLine parseLine(String text) {
        int space = text.indexOf(' ');
        if (space >= 20 && Character.isDigit(text.charAt(0)) && CriParser.isRfc3339(text.substring(0, space))) {
            return new CriLine(text.substring(0, space), CriLine.STDOUT, false, text.substring(space + 1));
        }
        return new CriLine(null, CriLine.STDOUT, false, text);
    }
}
