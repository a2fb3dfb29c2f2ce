package org.mltrules.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./mlt-rules} launcher script, run in a process as a user would. The build's own class path is handed
 * to it through {@code MLT_RULES_CLASSPATH}, which it honours by running from it without building (a Maven build
 * inside the Maven build would be slow and would race with it).
 */
class LauncherTest {
    private static final Path LAUNCHER = Cli.ROOT.resolve("mlt-rules");

    private record Result(int code, String out, String err) {
    }

    private static Result launch(Path workingDir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", LAUNCHER.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(workingDir.toFile());
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        pb.environment().put("MLT_RULES_CLASSPATH", classPath);
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Path out = Files.createTempFile(workingDir, "out", ".txt");
        Path err = Files.createTempFile(workingDir, "err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("the launcher did not finish");
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("./mlt-rules --help exits 0 and lists the commands")
    void help(@TempDir Path dir) throws Exception {
        assertThat(Files.isExecutable(LAUNCHER)).as("the launcher is executable").isTrue();

        Result r = launch(dir, "--help");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Usage: mlt-rules", "assess", "generate");
    }

    @Test
    @DisplayName("from another directory, a path relative to the caller's directory is read")
    void relativePathsAreTheCallers(@TempDir Path dir) throws Exception {
        // Given a case file in the caller's directory, far from the repository
        Files.copy(Cli.ONE, dir.resolve("patient.json"));

        // When the launcher is called by its absolute path with a relative file name
        Result r = launch(dir, "assess", "--format", "csv", "patient.json");

        // Then it reads the caller's file
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("caseId,category").contains("demo-02,METACHRONOUS_OLIGORECURRENCE,");
    }

    @Test
    @DisplayName("exit codes pass through the launcher: 2 for a missing file, 3 for a bad batch")
    void exitCodesPassThrough(@TempDir Path dir) throws Exception {
        assertThat(launch(dir, "assess", "missing.json").code()).isEqualTo(Main.USAGE);
        Result bad = launch(dir, "assess", "--format", "jsonl", Cli.DEMO_BAD.toString());
        assertThat(bad.code()).isEqualTo(Main.CASE_ERRORS);
        assertThat(bad.out().split("\n")).hasSize(5);
    }

    @Test
    @DisplayName("the launcher works when called through a symbolic link")
    void throughASymlink(@TempDir Path dir) throws Exception {
        Path link = dir.resolve("bin" + File.separator + "mlt");
        Files.createDirectories(link.getParent());
        Files.createSymbolicLink(link, LAUNCHER);
        ProcessBuilder pb = new ProcessBuilder("bash", link.toString(), "--version").directory(dir.toFile());
        pb.environment().put("MLT_RULES_CLASSPATH",
                System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("bundled rules:");
    }
}
