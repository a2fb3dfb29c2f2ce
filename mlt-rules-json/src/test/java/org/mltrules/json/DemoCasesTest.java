package org.mltrules.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.mltrules.PatientCase;

class DemoCasesTest {

    @Test
    @DisplayName("the demo cases on the class path are examples/cases/demo.jsonl, byte for byte, and all valid")
    void theResourceIsTheExamplesFile() throws Exception {
        Path module = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
        String file = Files.readString(module.resolveSibling("examples").resolve("cases/demo.jsonl"),
                StandardCharsets.UTF_8);

        assertThat(DemoCases.jsonLines()).isEqualTo(file);
        assertThat(DemoCases.cases()).hasSize(14).extracting(PatientCase::caseId).startsWith("demo-01", "demo-02")
                .doesNotHaveDuplicates();
    }
}
