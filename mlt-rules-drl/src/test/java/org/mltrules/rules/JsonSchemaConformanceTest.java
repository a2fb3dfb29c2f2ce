package org.mltrules.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.mltrules.Assessment;
import org.mltrules.MltRules;
import org.mltrules.PatientCase;
import org.mltrules.RuleFailureException;
import org.mltrules.analyst.ScenarioCases;
import org.mltrules.cohort.CaseGenerator;
import org.mltrules.json.AssessmentJson;
import org.mltrules.json.CaseInput;
import org.mltrules.json.CaseJson;
import org.mltrules.json.CaseRecord;
import org.mltrules.json.CaseWriter;
import org.mltrules.json.ErrorRecord;
import org.mltrules.json.JsonSchemas;

/**
 * What the project reads and writes conforms to the JSON Schemas of mlt-rules-json (docs/case-format.md,
 * "JSON Schemas"), checked with a maintained validator: every demo case, every case of the bundled scenario files
 * (a base with its change applied), a generated cohort, each against the case schema; every assessment produced
 * for them against the assessment schema; the error records of rejected cases and of a rule failure against the
 * error-record schema.
 */
class JsonSchemaConformanceTest {
    private static final MltRules RULES = ClassificationTest.RULES;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** The demo cases of the repository (the tests run in the module's folder). */
    private static final Path DEMO_CASES = Path.of("../examples/cases");
    private static final int GENERATED = 3000;

    @Test
    void everyDemoCaseAndItsAssessmentOrErrorRecordConform() throws IOException {
        int assessed = 0;
        int rejected = 0;
        for (Path file : demoFiles()) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            List<String> lines = text.lines().toList();
            try (CaseInput input = CaseInput.open(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)))) {
                while (input.hasNext()) {
                    CaseRecord r = input.next();
                    String raw = r.line() == null ? text : lines.get((int) (r.line() - 1));
                    String where = file.getFileName() + " case " + r.index();
                    if (r.isValid()) {
                        assertConforms(JsonSchemas.CASE, raw, where);
                        assertConforms(JsonSchemas.ASSESSMENT, AssessmentJson.toJson(RULES.assess(r.patientCase())),
                                where);
                        assessed++;
                    } else {
                        assertConforms(JsonSchemas.ERROR_RECORD,
                                AssessmentJson.toJson(r.rejection()), where);
                        if (isJson(raw)) {
                            assertThat(JsonSchemas.errors(JsonSchemas.CASE, raw))
                                    .as("%s is refused by the library, so the schema refuses it too", where)
                                    .isNotEmpty();
                        }
                        rejected++;
                    }
                }
            }
        }
        assertThat(assessed).as("demo cases assessed").isGreaterThanOrEqualTo(15);
        assertThat(rejected).as("demo cases rejected (demo-bad.jsonl)").isEqualTo(2);
    }

    @Test
    void everyBundledScenarioCaseAndItsAssessmentConform() {
        List<ScenarioCases.Resolved> scenarios = ScenarioCases.of(RULES);

        assertThat(scenarios).hasSizeGreaterThan(50);
        for (ScenarioCases.Resolved s : scenarios) {
            String where = s.file() + ": " + s.name();
            assertConforms(JsonSchemas.CASE, s.caseJson(), where);
            Assessment a = s.rules().assess(CaseJson.read(s.caseJson()));
            assertConforms(JsonSchemas.ASSESSMENT, AssessmentJson.toJson(a), where);
        }
    }

    @Test
    void aGeneratedCohortAndItsAssessmentsConform() {
        List<String> failures = new ArrayList<>();
        generatedCases(GENERATED, 20240502L).forEach(c -> {
            String caseJson = CaseWriter.toJson(c);
            List<String> caseErrors = JsonSchemas.errors(JsonSchemas.CASE, caseJson);
            List<String> assessmentErrors = JsonSchemas.errors(JsonSchemas.ASSESSMENT,
                    AssessmentJson.toJson(RULES.assess(c)));
            if (!caseErrors.isEmpty() || !assessmentErrors.isEmpty()) {
                failures.add(caseJson + " " + caseErrors + " " + assessmentErrors);
            }
        });

        assertThat(failures).as("generated cases or their assessments that do not conform").isEmpty();
    }

    @Test
    void theErrorRecordOfARuleFailureConforms() {
        PatientCase c = PatientCase.builder("fails-in-action").priorLungResections(77).build();
        RuleFailureException e = catchThrowableOfType(RuleFailureException.class,
                () -> FailingRuleSet.engine().assess(c));

        String record = AssessmentJson.toJson(ErrorRecord.failed(3, 4L, c.caseId(), e));

        assertConforms(JsonSchemas.ERROR_RECORD, record, "rule failure");
        assertThat(record).contains("\"rule\":\"" + FailingRuleSet.ACTION_FAILS + "\"");
    }

    @Test
    void theAssessmentSchemaRefusesWhatIsNotAnAssessment() throws IOException {
        String good = AssessmentJson.toJson(RULES.assess(CaseJson.read(Files.readString(DEMO_CASES.resolve("one.json")))));
        assertConforms(JsonSchemas.ASSESSMENT, good, "one.json");

        assertThat(JsonSchemas.errors(JsonSchemas.ASSESSMENT, good.replace("\"CANDIDATE\"", "\"MAYBE\""))).isNotEmpty();
        assertThat(JsonSchemas.errors(JsonSchemas.ASSESSMENT, good.replace("\"firedRules\"", "\"rulesFired\"")))
                .isNotEmpty();
        assertThat(JsonSchemas.errors(JsonSchemas.ASSESSMENT, good.replace("\"rank\":1,", "\"rank\":\"1\",")))
                .isNotEmpty();
        assertThat(JsonSchemas.errors(JsonSchemas.ASSESSMENT, good.replace("Decision support only", "Advice")))
                .isNotEmpty();
        assertThat(JsonSchemas.errors(JsonSchemas.ERROR_RECORD, good)).isNotEmpty();
    }

    /**
     * The project's synthetic case generator ({@link CaseGenerator}: values on the conventions' boundaries, facts
     * sometimes unknown, codes and names); every fifth case with two known dates also gets a last local therapy
     * between them, which the generator leaves out (its cohorts stay as they were).
     */
    static Stream<PatientCase> generatedCases(int count, long seed) {
        return CaseGenerator.builder().seed(seed).build().stream(count).map(c -> {
            boolean withLastLocalTherapy = c.caseId().hashCode() % 5 == 0 && c.primaryDiagnosisDate() != null
                    && c.omdDiagnosisDate() != null;
            return withLastLocalTherapy ? c.toBuilder().lastLocalTherapyDate(c.omdDiagnosisDate()).build() : c;
        });
    }

    private static List<Path> demoFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(DEMO_CASES, "*.json*")) {
            dir.forEach(files::add);
        }
        files.sort(null);
        assertThat(files).as("demo case files in %s", DEMO_CASES.toAbsolutePath()).hasSizeGreaterThanOrEqualTo(3);
        return files;
    }

    private static boolean isJson(String text) {
        try {
            MAPPER.readTree(text);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void assertConforms(com.networknt.schema.Schema schema, String json, String where) {
        assertThat(JsonSchemas.errors(schema, json)).as("%s: %s", where, json).isEmpty();
    }
}
