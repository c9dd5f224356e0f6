package io.logdoctor.cli;

import picocli.CommandLine.IVersionProvider;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** {@code logdoctor --version}: the version, the commit it was built from, and the Kafka it bundles. */
final class VersionProvider implements IVersionProvider {

    static final String RESOURCE = "/logdoctor-version.properties";

    @Override
    public String[] getVersion() throws IOException {
        Properties build = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                build.load(in);
            }
        }
        return new String[]{"logdoctor " + value(build, "version") + " (commit " + value(build, "commit")
                + ", Kafka " + value(build, "kafka") + ")"};
    }

    // An unfiltered placeholder (a build that skipped the resources phase, an IDE) is no value.
    private static String value(Properties build, String key) {
        String v = build.getProperty(key, "");
        return v.isBlank() || v.startsWith("${") ? "unknown" : v;
    }
}
