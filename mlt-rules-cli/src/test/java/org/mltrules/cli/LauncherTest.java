package org.mltrules.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
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

    private static String testClassPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    private static Result launch(Path workingDir, String... args) throws IOException, InterruptedException {
        return launch(LAUNCHER, Map.of("MLT_RULES_CLASSPATH", testClassPath()), workingDir, args);
    }

    private static Result launch(Path launcher, Map<String, String> env, Path workingDir, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", launcher.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(workingDir.toFile());
        pb.environment().remove("MLT_RULES_CLASSPATH");
        pb.environment().remove("MLT_RULES_NO_BUILD");
        pb.environment().putAll(env);
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
    @DisplayName("assess - with standard input closed is a usage error: the tool never reads a file of its own")
    void closedStandardInputIsRefused(@TempDir Path dir) throws Exception {
        // Given the launcher started with its standard input closed (the shell's <&-)
        Path wrapper = Files.writeString(dir.resolve("closed-stdin.sh"),
                "exec bash \"$@\" <&-\n");

        // When it is asked to read the cases from standard input
        Result r = launch(wrapper, Map.of("MLT_RULES_CLASSPATH", testClassPath()), dir, LAUNCHER.toString(),
                "assess", "--format", "jsonl", "-");

        // Then it refuses with a usage error, and writes nothing
        assertThat(r.code()).as(r.err()).isEqualTo(Main.USAGE);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("mlt-rules: standard input is closed: give FILE, or pipe the cases in\n");
    }

    @Test
    @DisplayName("a descriptor 0 that is a file of the JVM itself is recognised as a closed standard input")
    void theJvmsOwnFilesAreNeverCases() {
        assertThat(StandardInput.isTheJvmsOwn(Path.of(System.getProperty("java.home"), "lib", "modules"))).isTrue();
        assertThat(StandardInput.isTheJvmsOwn(Path.of("/tmp/cases.jsonl"))).isFalse();
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
    @DisplayName("exit codes and messages pass through the launcher: 2 for a missing file, 3 for a bad batch")
    void exitCodesAndMessagesPassThrough(@TempDir Path dir) throws Exception {
        Result missing = launch(dir, "assess", "missing.json");
        assertThat(missing.code()).isEqualTo(Main.USAGE);
        assertThat(missing.err()).contains("mlt-rules: cannot read missing.json: no such file");

        Result bad = launch(dir, "assess", "--format", "jsonl", Cli.DEMO_BAD.toString());
        assertThat(bad.code()).isEqualTo(Main.CASE_ERRORS);
        assertThat(bad.out().split("\n")).hasSize(5);
        assertThat(bad.err()).contains("2 of 5 case(s) not assessed");
    }

    /**
     * A copy of the launcher in a repository-like folder whose tool is "built": a jar whose manifest points at the
     * test class path, and a build stamp newer than every source (there are none).
     */
    private static Path builtCopy(Path root) throws IOException {
        Path launcher = Files.copy(LAUNCHER, root.resolve("mlt-rules"));
        Path target = Files.createDirectories(root.resolve("mlt-rules-cli/target"));
        StringBuilder classPath = new StringBuilder();
        for (String entry : testClassPath().split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                classPath.append(Path.of(entry).toUri()).append(' ');
            }
        }
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, Main.class.getName());
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, classPath.toString().trim());
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(target.resolve("mlt-rules.jar")),
                manifest)) {
            jar.flush();
        }
        Files.writeString(target.resolve("mlt-rules.stamp"), "");
        return launcher;
    }

    @Test
    @DisplayName("a built tool runs at once, without rebuilding, with its messages on stderr and its exit status")
    void builtToolRunsWithoutRebuilding(@TempDir Path dir) throws Exception {
        // Given a repository-like folder where the tool is built and nothing changed since
        Path launcher = builtCopy(Files.createDirectories(dir.resolve("repo")));
        Files.copy(Cli.ONE, dir.resolve("patient.json"));

        // When the launcher runs from another directory
        Result ok = launch(launcher, Map.of(), dir, "assess", "--format", "csv", "patient.json");
        Result missing = launch(launcher, Map.of(), dir, "assess", "missing.json");

        // Then it runs the jar (no build line), passes output, messages and exit status through
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(ok.err()).doesNotContain("building");
        assertThat(ok.out()).contains("demo-02,METACHRONOUS_OLIGORECURRENCE,");
        assertThat(missing.code()).isEqualTo(Main.USAGE);
        assertThat(missing.err()).isEqualTo("mlt-rules: cannot read missing.json: no such file\n");
    }

    @Test
    @DisplayName("with MLT_RULES_NO_BUILD=1 and no built tool, the launcher says so and exits 1")
    void noBuildWithoutTool(@TempDir Path dir) throws Exception {
        Path launcher = Files.copy(LAUNCHER, dir.resolve("mlt-rules"));

        Result r = launch(launcher, Map.of("MLT_RULES_NO_BUILD", "1"), dir, "--help");

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("the tool is not built");
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
        Files.delete(link);
    }
}
