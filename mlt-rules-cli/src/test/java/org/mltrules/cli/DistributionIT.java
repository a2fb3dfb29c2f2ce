package org.mltrules.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution built by {@code mvn package} (mlt-rules-cli/target/mlt-rules-VERSION.tar.gz and .zip), unpacked
 * in a temporary folder and run as a user would: {@code bin/mlt-rules} with a clean environment whose PATH holds only
 * java (no Maven, no source tree). Runs after {@code package} (failsafe), in {@code mvn verify}.
 */
class DistributionIT {
    private static final String VERSION = System.getProperty("mlt-rules.version", "1.1.0");
    private static final Path TARGET = Cli.MODULE.resolve("target");
    private static final Path TAR = TARGET.resolve("mlt-rules-" + VERSION + ".tar.gz");
    private static final Path ZIP = TARGET.resolve("mlt-rules-" + VERSION + ".zip");

    @TempDir
    static Path dir;
    private static Path home;
    private static Path onlyJava;

    @BeforeAll
    static void unpack() throws Exception {
        assertThat(TAR).as("built by mvn package").exists();
        assertThat(ZIP).as("built by mvn package").exists();
        // tar keeps the file modes the archive records (bin/mlt-rules executable), as a user's tar would
        Process tar = new ProcessBuilder("tar", "-xzf", TAR.toString(), "-C", dir.toString()).inheritIO().start();
        assertThat(tar.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(tar.exitValue()).isZero();
        home = dir.resolve("mlt-rules-" + VERSION);
        // A PATH with java and nothing else
        onlyJava = Files.createDirectories(dir.resolve("path"));
        Files.createSymbolicLink(onlyJava.resolve("java"), Path.of(System.getProperty("java.home"), "bin", "java"));
    }

    private record Run(int code, String out, String err) {
    }

    private static Run run(Path workingDir, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(home.resolve("bin/mlt-rules").toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(workingDir.toFile());
        Map<String, String> env = pb.environment();
        env.clear();
        env.put("PATH", onlyJava.toString());
        env.put("HOME", dir.toString());
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("bin/mlt-rules did not finish");
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("unpacked anywhere, bin/mlt-rules assesses the demo cases with only java on the PATH")
    void assessTheDemoCases() throws Exception {
        // When the distribution's tool assesses its demo cases, from outside the distribution
        Run r = run(dir, "assess", "--format", "jsonl", home.resolve("cases/demo.jsonl").toString());

        // Then it assesses all 14 exactly as the tool built in this repository does
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().split("\n")).hasSize(14);
        assertThat(r.out()).isEqualTo(inProcess("assess", "--format", "jsonl", Cli.DEMO.toString()));
    }

    @Test
    @DisplayName("the text report, the bundled demo cases and the version work from the distribution")
    void reportDemoAndVersion() throws Exception {
        Run text = run(home, "assess", "--demo");
        Run version = run(home, "--version");

        assertThat(text.code()).as(text.err()).isZero();
        assertThat(text.out()).contains("Case demo-01", "Summary: 14 case(s), 14 assessed, 0 not assessed",
                "Decision support only");
        assertThat(version.code()).as(version.err()).isZero();
        assertThat(version.out()).contains("mlt-rules " + VERSION, "bundled rules: mlt-rules-bundled");
    }

    @Test
    @DisplayName("the distribution maps and assesses its example mCODE bundles as the tool built here does")
    void fhirBundles() throws Exception {
        Run map = run(dir, "map", "--format", "jsonl", home.resolve("fhir/lms-oligorecurrence-v02.json").toString());
        Run assess = run(dir, "assess", "--format", "jsonl",
                home.resolve("fhir/gist-induced-oligoprogression-v11.json").toString());

        assertThat(map.code()).as(map.err()).isZero();
        assertThat(map.out()).isEqualTo(inProcess("map", "--format", "jsonl", FhirInputTest.V02.toString()));
        assertThat(assess.code()).as(assess.err()).isZero();
        assertThat(assess.out()).contains("\"category\":\"INDUCED_OLIGOPROGRESSION\"", "\"mapping\":[");
    }

    @Test
    @DisplayName("without java on the PATH, the tool says what it needs")
    void noJava() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/mlt-rules").toString(), "--version");
        pb.environment().clear();
        pb.environment().put("PATH", dir.resolve("empty").toString());
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).isEqualTo(1);
        assertThat(out).contains("Java 17 or later is needed");
    }

    @Test
    @DisplayName("the archives hold bin/, lib/ with every mlt-rules jar named as a module, the demo cases and the README")
    void layout() throws IOException {
        assertThat(home.resolve("bin/mlt-rules")).isExecutable();
        assertThat(home.resolve("bin/mlt-rules.bat")).exists();
        assertThat(home.resolve("cases/demo.jsonl")).hasSameTextualContentAs(Cli.DEMO);
        for (String file : new String[] {"README.md", "LICENSE", "NOTICE", "CHANGELOG.md"}) {
            if (Files.exists(Cli.ROOT.resolve(file))) {
                assertThat(home.resolve(file)).as(file).hasSameTextualContentAs(Cli.ROOT.resolve(file));
            }
        }
        List<Path> ours;
        try (Stream<Path> lib = Files.list(home.resolve("lib"))) {
            ours = lib.filter(p -> p.getFileName().toString().startsWith("mlt-rules-")).toList();
        }
        assertThat(ours).extracting(p -> p.getFileName().toString()).contains("mlt-rules-cli-" + VERSION + ".jar",
                "mlt-rules-core-" + VERSION + ".jar", "mlt-rules-drl-" + VERSION + ".jar",
                "mlt-rules-compiler-" + VERSION + ".jar");
        for (Path jar : ours) {
            try (JarFile j = new JarFile(jar.toFile())) {
                assertThat(j.getManifest().getMainAttributes().getValue("Automatic-Module-Name"))
                        .as("Automatic-Module-Name of %s", jar.getFileName()).startsWith("org.mltrules.");
            }
        }
        // The zip holds the same files
        try (ZipFile zip = new ZipFile(ZIP.toFile())) {
            List<String> names = zip.stream().map(ZipEntry::getName).toList();
            assertThat(names).contains("mlt-rules-" + VERSION + "/bin/mlt-rules", "mlt-rules-" + VERSION
                    + "/bin/mlt-rules.bat", "mlt-rules-" + VERSION + "/cases/demo.jsonl", "mlt-rules-" + VERSION
                    + "/lib/mlt-rules-cli-" + VERSION + ".jar");
        }
    }

    private static String inProcess(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        InputStream in = new ByteArrayInputStream(new byte[0]);
        int code = Main.run(args, in, out, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertThat(code).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }
}
