package org.ambidex.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./ambidex} launcher, run for real against a copy of the repository layout in which the build
 * command and the JVM are stand-ins that record their calls.
 */
class LauncherTest {

    @TempDir
    Path root;

    private Path calls;
    private Path elsewhere;

    @BeforeEach
    void layOutRepository() throws IOException {
        Path launcher = Path.of(System.getProperty("ambidex.repo.root", ".")).resolve("ambidex");
        Files.copy(launcher, root.resolve("ambidex"));
        executable(root.resolve("ambidex"));
        Files.writeString(root.resolve("pom.xml"), "<project/>");
        Files.createDirectories(root.resolve("src/main/java/org/x"));
        Files.writeString(root.resolve("src/main/java/org/x/A.java"), "class A {}");
        calls = root.resolve("calls.log");
        Files.writeString(calls, "");
        script("fake-mvn", "echo \"build $*\" >> " + calls + "\nmkdir -p target/lib\necho jar > target/ambidex.jar\n");
        script("fake-java", "echo \"java $*\" >> " + calls + "\n");
        elsewhere = Files.createDirectories(root.resolve("some/other/dir"));
    }

    @Test
    void buildsOnFirstUseThenRunsWithTheArguments() throws Exception {
        assertThat(launch("info", "--debug")).isZero();
        List<String> log = log();
        assertThat(log).hasSize(2);
        assertThat(log.get(0)).startsWith("build ").contains("package").contains("-DskipTests");
        assertThat(log.get(1)).startsWith("java ").contains("-jar " + root.resolve("target/ambidex-run.jar"))
            .endsWith(" info --debug");
    }

    @Test
    void doesNotRebuildWhenNothingChanged() throws Exception {
        launch("info");
        launch("info");
        assertThat(log()).filteredOn(l -> l.startsWith("build")).hasSize(1);
        assertThat(log()).filteredOn(l -> l.startsWith("java")).hasSize(2);
    }

    @Test
    void rebuildsWhenASourceIsEditedAddedOrRemoved() throws Exception {
        launch("info");
        Path source = root.resolve("src/main/java/org/x/A.java");
        Files.writeString(source, "class A { int edited; }");
        launch("info");
        Files.writeString(root.resolve("src/main/java/org/x/B.java"), "class B {}");
        launch("info");
        Files.delete(source);
        launch("info");
        launch("info");
        assertThat(log()).filteredOn(l -> l.startsWith("build")).hasSize(4);
    }

    @Test
    void rebuildsWhenTheJarIsMissing() throws Exception {
        launch("info");
        Files.delete(root.resolve("target/ambidex.jar"));
        launch("info");
        assertThat(log()).filteredOn(l -> l.startsWith("build")).hasSize(2);
    }

    @Test
    void aRebuildReplacesTheRunJarByRenameSoRunningJobsKeepTheirs() throws Exception {
        launch("info");
        Path runJar = root.resolve("target/ambidex-run.jar");
        Object before = Files.readAttributes(runJar, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
        Files.writeString(root.resolve("src/main/java/org/x/A.java"), "class A { int edited; }");
        launch("info");
        Object after = Files.readAttributes(runJar, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
        assertThat(before).isNotNull();
        assertThat(after).isNotEqualTo(before);
        assertThat(Files.readString(runJar)).isEqualTo("jar\n");
    }

    @Test
    void failedBuildExitsOneAndDoesNotRun() throws Exception {
        script("fake-mvn", "echo 'COMPILATION ERROR in A.java'\nexit 1\n");
        Process p = start("info");
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).isEqualTo(1);
        assertThat(err).contains("COMPILATION ERROR in A.java").contains("build failed");
        assertThat(log()).isEmpty();
    }

    private int launch(String... args) throws Exception {
        Process p = start(args);
        p.getInputStream().readAllBytes();
        p.getErrorStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return p.exitValue();
    }

    private Process start(String... args) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of("bash", root.resolve("ambidex").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(elsewhere.toFile());
        builder.environment().put("AMBIDEX_MVN", root.resolve("fake-mvn").toString());
        builder.environment().put("AMBIDEX_JAVA", root.resolve("fake-java").toString());
        return builder.start();
    }

    private List<String> log() throws IOException {
        return Files.readAllLines(calls).stream().filter(l -> !l.isBlank()).toList();
    }

    private void script(String name, String body) throws IOException {
        Path file = root.resolve(name);
        Files.writeString(file, "#!/usr/bin/env bash\n" + body);
        executable(file);
    }

    private static void executable(Path file) throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
