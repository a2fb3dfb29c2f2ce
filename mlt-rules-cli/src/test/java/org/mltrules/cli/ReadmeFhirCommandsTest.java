package org.mltrules.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The README's command lines on the example bundles work as written (a user copies them). */
class ReadmeFhirCommandsTest {

    /** Every {@code ./mlt-rules ...} line of the README that names an example bundle, comment stripped. */
    static List<String[]> readmeBundleCommands() throws IOException {
        List<String[]> commands = new ArrayList<>();
        for (String line : Files.readAllLines(Cli.ROOT.resolve("README.md"), StandardCharsets.UTF_8)) {
            if (line.startsWith("./mlt-rules ") && line.contains("examples/fhir/")) {
                String command = line.replaceFirst("\\s+#.*$", "").substring("./mlt-rules ".length()).trim();
                // paths in the README are relative to the repository root; tests run in the module's folder
                commands.add(Arrays.stream(command.split("\\s+"))
                        .map(a -> a.startsWith("examples/") ? Cli.ROOT.resolve(a).toString() : a)
                        .toArray(String[]::new));
            }
        }
        return commands;
    }

    @Test
    @DisplayName("given the README's FHIR examples, when a user runs each, then each succeeds with a report")
    void everyBundleCommandOfTheReadmeWorks() throws IOException {
        List<String[]> commands = readmeBundleCommands();

        assertThat(commands).as("the README shows assess, map and explain on bundles").hasSizeGreaterThanOrEqualTo(3)
                .extracting(c -> c[0]).contains("assess", "map", "explain");
        for (String[] command : commands) {
            Cli.Run run = Cli.run(command);
            assertThat(run.code()).as(String.join(" ", command) + ": " + run.err()).isZero();
            assertThat(run.out()).as(String.join(" ", command)).isNotBlank();
            if (command[0].equals("assess") && !Arrays.asList(command).contains("--format")) {
                assertThat(run.out()).contains("Facts to record");
            }
            if (command[0].equals("map")) {
                assertThat(Cli.json(run.out()).has("mapping")).isTrue();
            }
        }
    }
}
