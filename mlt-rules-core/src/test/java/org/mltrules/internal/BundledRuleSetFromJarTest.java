package org.mltrules.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundledRuleSetFromJarTest {

    @Test
    @DisplayName("the bundled rule set read from a jar: its rule-set files at any depth, not the generated classes "
            + "beside them nor anything outside its folder")
    void readsTheRuleSetFilesOfTheJar(@TempDir Path dir) throws IOException {
        Map<String, String> entries = new TreeMap<>();
        entries.put("org/mltrules/rules/ruleset.properties", "name=t\nversion=1\n");
        entries.put("org/mltrules/rules/references.properties", "K=Some citation\n");
        entries.put("org/mltrules/rules/classification.drl", "package org.mltrules.rules;\r\n");
        entries.put("org/mltrules/rules/scenarios/one.json", "{}");
        entries.put("org/mltrules/rules/more/deeper.drl", "package org.mltrules.rules;\n");
        entries.put("org/mltrules/rules/P1A/LambdaPredicate1A.class", "not a rule file");
        entries.put("org/mltrules/rules/RulesB88RuleMethods0.class", "not a rule file");
        entries.put("org/mltrules/other/elsewhere.drl", "outside the folder");
        Path jar = dir.resolve("rules.jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            out.putNextEntry(new JarEntry("org/mltrules/rules/"));
            out.closeEntry();
            for (Map.Entry<String, String> e : entries.entrySet()) {
                out.putNextEntry(new JarEntry(e.getKey()));
                out.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }

        RuleSetSource source;
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            source = RuleSetSource.bundled(loader);
        }

        assertThat(source.files()).containsOnlyKeys("ruleset.properties", "references.properties",
                "classification.drl", "scenarios/one.json", "more/deeper.drl");
        assertThat(new String(source.files().get("classification.drl"), StandardCharsets.UTF_8))
                .isEqualTo("package org.mltrules.rules;\r\n");
        assertThat(source.origin()).isEqualTo("classpath:org/mltrules/rules/");
    }
}
