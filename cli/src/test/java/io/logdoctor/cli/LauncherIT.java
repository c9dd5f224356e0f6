package io.logdoctor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code ./logdoctor} launcher, in a temporary copy of the checkout's layout where {@code mvnw}
 * is a stub: it takes 3 s, says which modules it builds, records every build (and any build that
 * overlaps another) and puts this module's real jar in place, so what runs afterwards is the real CLI.
 */
class LauncherIT {

    @TempDir
    Path checkout;

    @BeforeEach
    void layOutACheckout() throws IOException {
        Path repo = Path.of("..").toAbsolutePath().normalize();
        Files.copy(repo.resolve("logdoctor"), checkout.resolve("logdoctor"), StandardCopyOption.COPY_ATTRIBUTES);
        Files.copy(repo.resolve("pom.xml"), checkout.resolve("pom.xml"));
        Files.createDirectories(checkout.resolve("records/src/main/java"));
        Files.writeString(checkout.resolve("records/src/main/java/Json.java"), "class Json {}\n");
        Files.createDirectories(checkout.resolve("patterns/catalog"));
        Path jar;
        try (var files = Files.list(Path.of("target"))) {
            jar = files.filter(p -> p.getFileName().toString().matches("cli-.*\\.jar")).findFirst().orElseThrow();
        }
        stubMaven("""
                mkdir "$here/building" 2>/dev/null || echo "overlapping build" >>"$here/builds.txt"
                echo build >>"$here/builds.txt"
                echo "[INFO] Building logdoctor records 0.1.0-SNAPSHOT                          [1/2]"
                sleep 3
                echo "[INFO] Building logdoctor cli 0.1.0-SNAPSHOT                              [2/2]"
                mkdir -p "$here/cli/target"
                cp '%s' "$here/cli/target/cli-0.1.0-SNAPSHOT.jar"
                cp '%s' "$here/cli/target/logdoctor.classpath"
                rmdir "$here/building"
                """.formatted(jar.toAbsolutePath(), Path.of("target/logdoctor.classpath").toAbsolutePath()));
    }

    @Test
    void shouldBuildOnceWhenTwoFirstRunsStartTogether() throws Exception {
        CompletableFuture<Shell> first = CompletableFuture.supplyAsync(() -> launch("signatures", "list"));
        Thread.sleep(1000); // the reproduction: `signatures list` and `--version` started 1 s apart
        Shell second = launch("--version");
        Shell list = first.join();

        assertEquals(0, list.exitCode(), list.err());
        assertEquals(0, second.exitCode(), second.err());
        assertTrue(list.out().contains("vpc-cni/ipamd-not-ready"), list.out());
        assertTrue(second.out().startsWith("logdoctor "), second.out());
        assertEquals("build\n", Files.readString(checkout.resolve("builds.txt")));
        assertTrue(second.err().contains("another logdoctor is building the project; waiting for it"), second.err());
        assertTrue(list.err().contains("logdoctor: building records [1/2] ...\nlogdoctor: building cli [2/2] ...\n"), list.err());
    }

    @Test
    void shouldRebuildForProjectSourcesButNotForATeamsOwnFiles() throws Exception {
        assertEquals(0, launch("--version").exitCode());
        Instant later = Instant.now().plusSeconds(5); // past the build stamp whatever the file system's time granularity

        for (String userFile : List.of("catalog/team/db-down.yaml", "routes.yaml", "records/src/test/java/JsonTest.java")) {
            touch(checkout.resolve(userFile), later);
        }
        Shell quiet = launch("--version");
        touch(checkout.resolve("patterns/catalog/k8s/new.yaml"), later);
        Shell rebuilt = launch("--version");

        assertFalse(quiet.err().contains("building"), quiet.err());
        assertTrue(rebuilt.err().contains("building"), rebuilt.err());
        assertEquals("build\nbuild\n", Files.readString(checkout.resolve("builds.txt")));
    }

    @Test
    void shouldSayWhenMavenCannotReachItsRepository() throws Exception {
        // What Maven 3.9 prints with a repository it cannot resolve (a mirror on an unknown host).
        stubMaven("""
                echo "[ERROR] Non-resolvable import POM: The following artifacts could not be resolved: org.junit:junit-bom:pom:5.14.4 (absent): Could not transfer artifact org.junit:junit-bom:pom:5.14.4 from/to central (https://repo.maven.apache.org/maven2): repo.maven.apache.org: Name or service not known @ line 57, column 19"
                exit 1
                """);

        Shell run = launch("--version");

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("logdoctor: Maven cannot reach its repository: Could not transfer artifact "
                + "org.junit:junit-bom:pom:5.14.4 from/to central (https://repo.maven.apache.org/maven2): "
                + "repo.maven.apache.org: Name or service not known"), run.err());
        assertTrue(run.err().contains("check the network, a proxy"), run.err());
    }

    @Test
    void shouldNameTheJavaThatIsTooOld(@TempDir Path jdk) throws Exception {
        Files.createDirectories(jdk.resolve("bin"));
        Files.writeString(jdk.resolve("release"), "JAVA_VERSION=\"11.0.22\"\n");
        Path java = Files.writeString(jdk.resolve("bin/java"), "#!/bin/sh\nexit 1\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Map<String, String> env = new HashMap<>(Shell.plainEnvironment());
        env.put("JAVA_HOME", jdk.toString());

        Shell run = Shell.run(checkout, env, "", 60, List.of("./logdoctor", "--version"));

        assertEquals(2, run.exitCode());
        assertEquals("logdoctor: java 11.0.22 found, but logdoctor needs 17 or newer\n", run.err());
    }

    private void stubMaven(String body) throws IOException {
        Path mvnw = Files.writeString(checkout.resolve("mvnw"),
                "#!/usr/bin/env bash\nhere=\"$(cd \"$(dirname \"$0\")\" && pwd)\"\n" + body);
        Files.setPosixFilePermissions(mvnw, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private Shell launch(String... args) {
        List<String> command = new ArrayList<>(List.of("./logdoctor"));
        command.addAll(List.of(args));
        try {
            return Shell.run(checkout, Shell.plainEnvironment(), "", 120, command);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void touch(Path file, Instant when) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "x\n");
        Files.setLastModifiedTime(file, FileTime.from(when));
    }
}
