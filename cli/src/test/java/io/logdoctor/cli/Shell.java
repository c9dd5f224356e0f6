package io.logdoctor.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs one program as a user would from a shell: its own directory, a chosen environment, output captured. */
record Shell(int exitCode, String out, String err) {

    /** A PATH with this JVM's java first, and the base system tools (bash, sed, tar), but no Maven. */
    static Map<String, String> plainEnvironment() {
        String javaHome = System.getProperty("java.home");
        return Map.of("PATH", javaHome + "/bin:/usr/bin:/bin", "JAVA_HOME", javaHome,
                "HOME", System.getProperty("user.home"), "LANG", "C.UTF-8");
    }

    static Shell run(Path dir, Map<String, String> env, String stdin, long timeoutSeconds, List<String> command)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile("shell-out", ".txt");
        Path err = Files.createTempFile("shell-err", ".txt");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().clear();
            pb.environment().putAll(env);
            Process p = pb.start();
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                throw new AssertionError(command + " still running after " + timeoutSeconds + " s; stderr:\n"
                        + Files.readString(err));
            }
            return new Shell(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    static Shell run(Path dir, Map<String, String> env, String... command) throws IOException, InterruptedException {
        return run(dir, env, "", 120, List.of(command));
    }
}
