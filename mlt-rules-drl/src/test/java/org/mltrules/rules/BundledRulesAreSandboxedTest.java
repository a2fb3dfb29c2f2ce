package org.mltrules.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The bundled rules touch no file, network, process or reflection API: they only read facts and record outcomes.
 * (Rules are code: an analyst's folder runs with the host's privileges, so the bundled set must set the example.)
 */
class BundledRulesAreSandboxedTest {
    static final Pattern FORBIDDEN = Pattern.compile(
            "java\\.io|java\\.nio|java\\.net|java\\.lang\\.reflect|ProcessBuilder|Runtime\\.|System\\.|Thread|"
                    + "ClassLoader|Class\\.forName|URL|Socket|Files\\.");

    @Test
    void noBundledRuleFileUsesFileNetworkProcessOrReflectionApis() throws IOException {
        Path folder = Path.of("src/main/resources/org/mltrules/rules");
        List<Path> drl;
        try (Stream<Path> files = Files.list(folder)) {
            drl = files.filter(p -> p.toString().endsWith(".drl")).toList();
        }
        assertThat(drl).isNotEmpty();
        for (Path file : drl) {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                String code = lines.get(i).replaceAll("//.*", "");
                assertThat(FORBIDDEN.matcher(code).find())
                        .as("%s:%d uses a forbidden API: %s", file.getFileName(), i + 1, lines.get(i).trim())
                        .isFalse();
            }
        }
    }
}
