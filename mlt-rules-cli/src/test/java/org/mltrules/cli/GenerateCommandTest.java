package org.mltrules.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mltrules.Histology;
import org.mltrules.PatientCase;
import org.mltrules.cohort.CaseGenerator;
import org.mltrules.json.CaseInput;
import org.mltrules.json.CaseJson;
import org.mltrules.json.CaseRecord;
import org.mltrules.json.CaseWriter;

class GenerateCommandTest {

    private static List<CaseRecord> read(String jsonLines) throws Exception {
        List<CaseRecord> records = new ArrayList<>();
        try (CaseInput in = CaseInput.open(new ByteArrayInputStream(jsonLines.getBytes(StandardCharsets.UTF_8)))) {
            in.forEachRemaining(records::add);
        }
        return records;
    }

    @Test
    @DisplayName("the same seed gives the same cohort; another seed another")
    void deterministicForASeed() {
        Cli.Run first = Cli.run("generate", "--count", "200", "--seed", "7");
        Cli.Run again = Cli.run("generate", "--count", "200", "--seed", "7");
        Cli.Run other = Cli.run("generate", "--count", "200", "--seed", "8");

        assertThat(first.code()).isZero();
        assertThat(again.out()).isEqualTo(first.out());
        assertThat(other.out()).isNotEqualTo(first.out());
        assertThat(first.out().split("\n")).hasSize(200);
    }

    @Test
    @DisplayName("a generated cohort reads back without a single error, as JSON Lines")
    void outputParsesBackWithoutErrors() throws Exception {
        Cli.Run run = Cli.run("generate", "--count", "2000", "--seed", "99");

        List<CaseRecord> records = read(run.out());

        assertThat(records).hasSize(2000);
        assertThat(records).allSatisfy(r -> assertThat(r.problems()).as("case %s", r.caseId()).isEmpty());
    }

    @Test
    @DisplayName("generate, write, read gives equal cases")
    void roundTripsThroughJson() {
        CaseGenerator generator = CaseGenerator.builder().seed(5).build();
        for (int i = 0; i < 2000; i++) {
            PatientCase c = generator.next();
            assertThat(CaseJson.read(CaseWriter.toJson(c))).isEqualTo(c);
        }
    }

    @Test
    @DisplayName("the cohort mixes histology codes, names, unrecognised codes and unknowns, and boundary values")
    void cohortIsVaried() throws Exception {
        List<CaseRecord> records = read(Cli.run("generate", "--count", "3000", "--seed", "3").out());

        Set<String> histologies = new HashSet<>();
        int codes = 0;
        int names = 0;
        int unrecognised = 0;
        int unknownHistology = 0;
        int fiveLesions = 0;
        int sixLesions = 0;
        int regionalNodes = 0;
        int unknownLesions = 0;
        int onWindowEdge = 0;
        for (CaseRecord r : records) {
            PatientCase c = r.patientCase();
            String h = c.histology();
            if (h == null) {
                unknownHistology++;
            } else {
                histologies.add(Histology.resolve(h).orElseThrow().histology().name());
                if (h.matches("\\d{4}/\\d")) {
                    codes++;
                    if (!Histology.resolve(h).orElseThrow().recognised()) {
                        unrecognised++;
                    }
                } else {
                    names++;
                }
            }
            if (c.lesions() == null) {
                unknownLesions++;
            } else {
                fiveLesions += c.lesions().size() == 5 ? 1 : 0;
                sixLesions += c.lesions().size() == 6 ? 1 : 0;
                regionalNodes += c.lesions().stream().anyMatch(l -> l.site().name().equals("LYMPH_NODE_REGIONAL"))
                        ? 1 : 0;
            }
            if (c.primaryDiagnosisDate() != null && c.omdDiagnosisDate() != null
                    && c.omdDiagnosisDate().equals(c.primaryDiagnosisDate().plusMonths(6))) {
                onWindowEdge++;
            }
        }
        assertThat(histologies).hasSizeGreaterThan(20);
        assertThat(codes).isPositive();
        assertThat(names).isPositive();
        assertThat(unrecognised).isPositive();
        assertThat(unknownHistology).isPositive();
        assertThat(fiveLesions).isPositive();
        assertThat(sixLesions).isPositive();
        assertThat(regionalNodes).isPositive();
        assertThat(unknownLesions).isPositive();
        assertThat(onWindowEdge).isPositive();
    }

    @Test
    @DisplayName("--lesions fixes the lesion count of every case; --output writes a file")
    void fixedLesionCountToFile(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("bench.jsonl");

        Cli.Run run = Cli.run("generate", "--count", "500", "--lesions", "3", "--output", out.toString());

        assertThat(run.code()).isZero();
        assertThat(run.out()).isEmpty();
        List<CaseRecord> records = read(Files.readString(out, StandardCharsets.UTF_8));
        assertThat(records).hasSize(500);
        assertThat(records).allSatisfy(r -> assertThat(r.patientCase().lesions()).hasSize(3));
    }

    @Test
    @DisplayName("a negative count or an impossible lesion count is a usage error")
    void badArguments() {
        assertThat(Cli.run("generate", "--count", "-1").code()).isEqualTo(Main.USAGE);
        assertThat(Cli.run("generate", "--lesions", "101").code()).isEqualTo(Main.USAGE);
        assertThat(Cli.run("generate", "--seed", "abc").code()).isEqualTo(Main.USAGE);
    }
}
