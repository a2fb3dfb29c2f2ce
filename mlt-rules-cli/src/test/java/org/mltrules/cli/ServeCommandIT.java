package org.mltrules.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mltrules.MltRules;
import org.mltrules.json.CaseJson;

/**
 * {@code mlt-rules serve} as a process, as a user runs it: the jar the {@code ./mlt-rules} launcher runs, started with
 * {@code serve --port 0 --no-auth}; the listening line read from standard error, the server called over HTTP, then
 * stopped with SIGTERM or SIGINT (exit 0). Runs after {@code package} (failsafe).
 */
class ServeCommandIT {
    private static final Path JAR = Cli.MODULE.resolve("target").resolve("mlt-rules.jar");
    private static final Pattern LISTENING = Pattern.compile("mlt-rules: listening on (http://127\\.0\\.0\\.1:(\\d+))");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** A started {@code mlt-rules serve} process and what it printed on standard error up to its listening line. */
    private record Served(Process process, URI base, List<String> stderr, CompletableFuture<List<String>> rest) {
    }

    private Served serve(Path dir, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-jar", JAR.toString(), "serve"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
        List<String> lines = new ArrayList<>();
        URI base = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (base == null && System.nanoTime() < deadline) {
            String line = err.readLine();
            if (line == null) {
                break;
            }
            lines.add(line);
            Matcher m = LISTENING.matcher(line);
            if (m.matches()) {
                assertThat(Integer.parseInt(m.group(2))).as("the real port, not 0").isPositive();
                base = URI.create(m.group(1));
            }
        }
        CompletableFuture<List<String>> rest = CompletableFuture.supplyAsync(() -> err.lines().toList());
        if (base == null) {
            p.destroyForcibly();
            throw new AssertionError("no listening line on standard error: " + lines);
        }
        return new Served(p, base, lines, rest);
    }

    private HttpResponse<String> get(URI base, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void kill(Served s, String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(s.process().pid())).inheritIO().start();
        assertThat(kill.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    private static int stop(Served s, String signal) throws Exception {
        kill(s, signal);
        assertThat(s.process().waitFor(60, TimeUnit.SECONDS)).as("stopped after SIG" + signal).isTrue();
        return s.process().exitValue();
    }

    @Test
    void servesTheApiAndThePageOnTheRealPortAndStopsCleanlyOnSigterm(@TempDir Path dir) throws Exception {
        assertThat(JAR).as("built by mvn package").exists();
        Served s = serve(dir, "--port", "0", "--no-auth");
        try {
            assertThat(s.stderr()).anySatisfy(l -> assertThat(l).contains("--no-auth").contains("WARNING"));

            HttpResponse<String> health = get(s.base(), "/health");
            assertThat(health.statusCode()).isEqualTo(200);
            JsonNode h = Cli.json(health.body());
            assertThat(h.get("status").asText()).isEqualTo("UP");
            assertThat(h.get("rules").get("fingerprint").asText())
                    .isEqualTo(MltRules.bundled().ruleSet().fingerprint());

            String one = Files.readString(Cli.ONE, StandardCharsets.UTF_8);
            HttpResponse<String> assessed = http.send(HttpRequest.newBuilder(s.base().resolve("/api/assess"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(one)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(assessed.statusCode()).isEqualTo(200);
            assertThat(Cli.json(assessed.body()).get("classification").get("category").asText())
                    .isEqualTo(MltRules.bundled().assess(CaseJson.read(one)).category().name());

            HttpResponse<String> page = get(s.base(), "/");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("mlt-rules case explorer");
            assertThat(get(s.base(), "/explorer.js").statusCode()).isEqualTo(200);
        } finally {
            assertThat(stop(s, "TERM")).as("exit status after SIGTERM").isZero();
        }
        String log = String.join("\n", s.rest().get(10, TimeUnit.SECONDS));
        assertThat(log).doesNotContain("Exception");
        // The access log names the call, never what the case holds (its id, dates, histology).
        assertThat(log).contains("POST /api/assess 200").contains("GET /health 200");
        assertThat(log).doesNotContain("demo-02").doesNotContain("2019-03-12").doesNotContain("2023-05-02")
                .doesNotContain("8890/3");
    }

    @Test
    void stopsCleanlyOnSigint(@TempDir Path dir) throws Exception {
        Served s = serve(dir, "--port", "0", "--no-auth");
        assertThat(get(s.base(), "/health").statusCode()).isEqualTo(200);
        if (sigintIgnoredHere()) {
            // Started where SIGINT is ignored (nohup, a background job of a script), the server inherits that, as
            // every process does, and the JVM leaves it ignored: Ctrl-C in another terminal must not stop it.
            kill(s, "INT");
            assertThat(s.process().waitFor(3, TimeUnit.SECONDS)).as("still serving after an ignored SIGINT").isFalse();
            assertThat(get(s.base(), "/health").statusCode()).isEqualTo(200);
            assertThat(stop(s, "TERM")).as("exit status after SIGTERM").isZero();
            return;
        }
        assertThat(stop(s, "INT")).as("exit status after SIGINT").isZero();
    }

    /** Whether this process ignores SIGINT (Linux: bit 2 of SigIgn in /proc/self/status), so its children do too. */
    private static boolean sigintIgnoredHere() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return false;
        }
        for (String line : Files.readAllLines(status, StandardCharsets.UTF_8)) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(line.substring(7).trim(), 16) & (1L << (2 - 1))) != 0;
            }
        }
        return false;
    }

    @Test
    void refusesAnUnsafeOrIncompleteConfigurationWithStatus2(@TempDir Path dir) throws Exception {
        for (List<String> args : List.of(
                List.of("--port", "0"),                                          // no issuer and no --no-auth
                List.of("--port", "0", "--bind", "0.0.0.0", "--no-auth"),        // beyond loopback
                List.of("--port", "0", "--issuer", "https://ehr.example.org/"))) { // an issuer without its keys
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-XX:TieredStopAtLevel=1", "-jar", JAR.toString(), "serve"));
            command.addAll(args);
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as("%s: %s", args, out).isEqualTo(2);
            assertThat(out).as("%s", args).startsWith("mlt-rules: ").doesNotContain("Exception");
        }
    }
}
