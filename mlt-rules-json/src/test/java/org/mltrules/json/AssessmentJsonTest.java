package org.mltrules.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.mltrules.Answer;
import org.mltrules.Assessment;
import org.mltrules.CaseProblem;
import org.mltrules.Candidacy;
import org.mltrules.CandidacyLevel;
import org.mltrules.Category;
import org.mltrules.Classification;
import org.mltrules.Convention;
import org.mltrules.ConventionApplied;
import org.mltrules.Exclusion;
import org.mltrules.Flag;
import org.mltrules.LesionAssessment;
import org.mltrules.PathStep;
import org.mltrules.RankedOption;
import org.mltrules.Reason;
import org.mltrules.RuleFailureException;
import org.mltrules.RuleSetInfo;
import org.mltrules.Step;
import org.mltrules.Technique;
import org.mltrules.Tier;
import org.mltrules.UndecidedRule;

class AssessmentJsonTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static final String STAMENOVIC_2021 = "Stamenovic D, Hohenberger P, Roessner E. Pulmonary metastasectomy in soft tissue sarcomas: a systematic review. J Thorac Dis 2021;13(4):2649-2660 (PMID 34012614, doi:10.21037/jtd-2019-pm-13)";
    private static final String ROTH_1985 = "Roth JA, Putnam JB, Wesley MN, Rosenberg SA. Differing determinants of prognosis following resection of pulmonary metastases from osteogenic and soft tissue sarcoma patients. Cancer 1985;55(6):1361-1366 (PMID 3855684, doi:10.1002/1097-0142(19850315)55:6<1361::aid-cncr2820550633>3.0.co;2-f)";
    private static final String CASSON_1992 = "Casson AG, Putnam JB, Natarajan G, et al. Five-year survival after pulmonary metastasectomy for adult soft tissue sarcoma. Cancer 1992;69(3):662-668 (PMID 1730117, doi:10.1002/1097-0142(19920201)69:3<662::aid-cncr2820690311>3.0.co;2-i)";

    /** The abridged assessment of docs/case-format.md, "Output: an assessment", as records. */
    static Assessment specificationExample() {
        List<PathStep> path = List.of(
                new PathStep(Step.P1, Answer.YES, "counted lesions = 1"),
                new PathStep(Step.P2, Answer.YES, "counted lesions = 1; maxLesions = 5"),
                new PathStep(Step.P3, Answer.YES, "lesions[0].safelyTreatable = true"),
                new PathStep(Step.Q1, Answer.NO, "history.polymetastatic = false"),
                new PathStep(Step.Q2, Answer.NO, "history.oligometastatic = false"),
                new PathStep(Step.Q3, Answer.YES, "primaryDiagnosisDate = 2019-03-12; omdDiagnosisDate = 2023-05-02"),
                new PathStep(Step.Q4, Answer.NO, "systemicTherapy.status = NONE"));
        Classification classification = new Classification(Category.METACHRONOUS_OLIGORECURRENCE, path, List.of(),
                List.of(), List.of(new ConventionApplied(Convention.K1, 6)));
        Candidacy candidacy = new Candidacy(CandidacyLevel.CANDIDATE, List.of(), List.of(), List.of(),
                List.of(Technique.values()));
        RankedOption surgery = new RankedOption(Technique.SURGERY, 1, 4, List.of(
                new Reason("F1", 2, "R0 resection feasible, ECOG 0-1, adequate pulmonary reserve",
                        STAMENOVIC_2021, Tier.R),
                new Reason("F2", 1, "disease-free interval of 12 months or more", ROTH_1985, Tier.R),
                new Reason("F3", 1, "1-2 unilateral lung nodules", CASSON_1992, Tier.R)));
        RankedOption sabr = new RankedOption(Technique.SABR, 4, 0, List.of());
        return new Assessment("demo-02", new RuleSetInfo("mlt-rules-bundled", "1.1.0", "sha256:3f1c..."),
                classification, candidacy,
                List.of(new LesionAssessment("L1", List.of(), List.of(surgery, sabr), List.of())),
                List.of("C3", "C6", "F1", "F11", "F2", "F3", "F9", "P1", "P2", "P3", "Q1", "Q2", "Q3", "Q4"),
                Assessment.DISCLAIMER);
    }

    /** An indeterminate case with exclusions, flags and a patient-level reason. */
    private static Assessment withExclusions() {
        Classification classification = new Classification(Category.INDETERMINATE, List.of(
                new PathStep(Step.P1, Answer.YES, "counted lesions = 1"),
                new PathStep(Step.P2, Answer.YES, "counted lesions = 1; maxLesions = 5"),
                new PathStep(Step.P3, Answer.YES, "lesions[0].safelyTreatable = true"),
                new PathStep(Step.Q1, Answer.UNKNOWN, "history.polymetastatic = unknown")),
                List.of(), List.of("history.polymetastatic"), List.of(
                new ConventionApplied(Convention.K3, true),
                new ConventionApplied(Convention.K10, true)));
        Candidacy candidacy = new Candidacy(CandidacyLevel.NOT_RECOMMENDED,
                List.of(Flag.INDETERMINATE_CLASSIFICATION, Flag.SHORT_DOUBLING_TIME),
                List.of(new Reason("ALL_EXCLUDED", null, "every technique is excluded for lesion H1", null, null)),
                List.of("ecog"), List.of());
        Reason h1 = new Reason("H1", null, "not safely treatable", "Lievens Y 2020", Tier.G);
        RankedOption mwa = new RankedOption(Technique.MWA, 1, 0, List.of(),
                List.of(new UndecidedRule("H5", List.of("plateletsPerNanolitre", "inr"))));
        LesionAssessment lesion = new LesionAssessment("H1", List.of("lesions[].resectableR0"), List.of(mwa), List.of(
                new Exclusion(Technique.SABR, List.of(h1)),
                new Exclusion(Technique.SURGERY, List.of(h1,
                        new Reason("UNAVAILABLE", null, "not available at this centre", "", null)))));
        return new Assessment("liver-03", new RuleSetInfo("centre-x", "2.1.0", "sha256:00ff"), classification,
                candidacy, List.of(lesion), List.of("H1", "P1"), Assessment.DISCLAIMER);
    }

    /** The golden file, re-serialised compactly by Jackson's tree model (which keeps the field order). */
    private static String golden(String resource) throws IOException {
        return MAPPER.writeValueAsString(MAPPER.readTree(CaseJsonTest.resource(resource)));
    }

    @Test
    @DisplayName("the assessment of the format specification is written field for field, in its order")
    void specificationExampleMatchesTheGoldenFile() throws IOException {
        assertThat(AssessmentJson.toJson(specificationExample())).isEqualTo(golden("example-assessment.json"));
    }

    @Test
    @DisplayName("exclusions and patient-level reasons carry no effect; a configuration reason has a null tier; an option"
            + " with an undecided exclusion lists it")
    void exclusionsMatchTheGoldenFile() throws IOException {
        assertThat(AssessmentJson.toJson(withExclusions())).isEqualTo(golden("assessment-with-exclusions.json"));
    }

    @Test
    @DisplayName("a rejected case's error record names every problem with its JSON value and no rule")
    void rejectedRecord() {
        List<CaseProblem> problems = List.of(
                new CaseProblem("lesions[2].sizeMm", new BigDecimal("-4.5"), "must be greater than 0"),
                new CaseProblem("ecog", 7, "must be an integer from 0 to 4"),
                new CaseProblem("medicallyOperable", "yes", "must be true, false or null, not a string"),
                new CaseProblem("lesions[0].safelyTreatable", 1, "must be true, false or null, not a number"),
                new CaseProblem("history", false, "must be a JSON object or null, not a boolean"),
                new CaseProblem("caseId", null, "required"));

        String json = AssessmentJson.toJson(ErrorRecord.rejected(3, 4L, null, problems));

        assertThat(json).isEqualTo("{\"index\":3,\"line\":4,\"caseId\":null,\"errors\":["
                + "{\"field\":\"lesions[2].sizeMm\",\"value\":-4.5,\"message\":\"must be greater than 0\",\"rule\":null},"
                + "{\"field\":\"ecog\",\"value\":7,\"message\":\"must be an integer from 0 to 4\",\"rule\":null},"
                + "{\"field\":\"medicallyOperable\",\"value\":\"yes\",\"message\":\"must be true, false or null, not a string\",\"rule\":null},"
                + "{\"field\":\"lesions[0].safelyTreatable\",\"value\":1,\"message\":\"must be true, false or null, not a number\",\"rule\":null},"
                + "{\"field\":\"history\",\"value\":false,\"message\":\"must be a JSON object or null, not a boolean\",\"rule\":null},"
                + "{\"field\":\"caseId\",\"value\":null,\"message\":\"required\",\"rule\":null}]}");
    }

    @Test
    @DisplayName("a rule failure's error record names the rule")
    void failedRecord() {
        RuleFailureException failure = new RuleFailureException("F9", new ArithmeticException("/ by zero"));

        String json = AssessmentJson.toJson(ErrorRecord.failed(0, null, "v02", failure));

        assertThat(json).isEqualTo("{\"index\":0,\"line\":null,\"caseId\":\"v02\",\"errors\":[{\"field\":\"\","
                + "\"value\":null,\"message\":\"rule \\\"F9\\\" failed: java.lang.ArithmeticException\","
                + "\"rule\":\"F9\"}]}");
    }

    @Test
    @DisplayName("a rejected case read from JSON Lines round-trips into its error record")
    void errorRecordFromInput() throws IOException {
        CaseRecord rejected;
        try (CaseInput in = CaseInput.open(new ByteArrayInputStream(
                "\n{\"caseId\": \"r\", \"ecog\": 1.5, \"inr\": true}\n".getBytes(StandardCharsets.UTF_8)))) {
            rejected = in.next();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (AssessmentWriter w = AssessmentWriter.jsonLines(out)) {
            w.write(rejected.rejection());
        }
        JsonNode record = MAPPER.readTree(out.toByteArray());
        assertThat(record.get("index").asInt()).isZero();
        assertThat(record.get("line").asInt()).isEqualTo(2);
        assertThat(record.get("caseId").asText()).isEqualTo("r");
        assertThat(record.get("errors")).hasSize(2);
        assertThat(record.get("errors").get(0).get("value").decimalValue()).isEqualByComparingTo("1.5");
        assertThat(record.get("errors").get(1).get("value").booleanValue()).isTrue();
    }

    @Test
    @DisplayName("JSON Lines output: one compact record per line, in order")
    void jsonLinesLayout() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (AssessmentWriter w = AssessmentWriter.jsonLines(out)) {
            w.write(specificationExample());
            w.write(ErrorRecord.rejected(1, 2L, "x", List.of(new CaseProblem("ecog", 9, "must be an integer from 0 to 4"))));
            w.write(withExclusions());
            assertThat(w.written()).isEqualTo(3);
        }
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n", -1);
        assertThat(lines).hasSize(4);
        assertThat(lines[0]).isEqualTo(golden("example-assessment.json"));
        assertThat(lines[1]).startsWith("{\"index\":1,\"line\":2,\"caseId\":\"x\"");
        assertThat(lines[2]).isEqualTo(golden("assessment-with-exclusions.json"));
        assertThat(lines[3]).isEmpty();
    }

    @Test
    @DisplayName("array output is one JSON array, pretty-printed on request")
    void arrayLayout() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (AssessmentWriter w = AssessmentWriter.array(out, true)) {
            w.write(specificationExample());
            w.write(ErrorRecord.failed(1, null, "y", new RuleFailureException("C14", new IllegalStateException("boom"))));
        }
        String text = out.toString(StandardCharsets.UTF_8);
        JsonNode array = MAPPER.readTree(text);
        assertThat(array.isArray()).isTrue();
        assertThat(array).hasSize(2);
        assertThat(MAPPER.writeValueAsString(array.get(0))).isEqualTo(golden("example-assessment.json"));
        assertThat(array.get(1).get("errors").get(0).get("rule").asText()).isEqualTo("C14");
        assertThat(text).startsWith("[\n  {\n    \"caseId\": \"demo-02\",").endsWith("]\n");
    }

    @Test
    void emptyArrayLayout() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AssessmentWriter.array(out, false).close();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("[]\n");
    }

    @Test
    @DisplayName("single-object output holds exactly one record")
    void singleLayout() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (AssessmentWriter w = AssessmentWriter.single(out, false)) {
            w.write(specificationExample());
            assertThatThrownBy(() -> w.write(specificationExample())).isInstanceOf(IllegalStateException.class);
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(golden("example-assessment.json") + "\n");
    }

    @Test
    void writerDoesNotCloseTheStream() throws IOException {
        boolean[] closed = {false};
        ByteArrayOutputStream out = new ByteArrayOutputStream() {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        AssessmentWriter.jsonLines(out).close();
        assertThat(closed[0]).isFalse();
    }

    @Test
    @DisplayName("values that JSON cannot hold are written as text, never as invalid JSON")
    void nonFiniteConventionValue() throws IOException {
        Assessment a = specificationExample();
        Assessment odd = new Assessment(a.caseId(), a.rules(), new Classification(a.category(),
                a.classification().path(), List.of(), List.of(),
                List.of(new ConventionApplied(Convention.K1, Double.NaN), new ConventionApplied(Convention.K2, 2.5))),
                a.candidacy(), a.lesions(), a.firedRules(), a.disclaimer());
        JsonNode conventions = MAPPER.readTree(AssessmentJson.toJson(odd)).get("classification").get("conventions");
        assertThat(conventions.get(0).get("value").asText()).isEqualTo("NaN");
        assertThat(conventions.get(1).get("value").doubleValue()).isEqualTo(2.5);
    }

    /** The error record of the one case of a JSON Lines line, as JSON text. */
    private static JsonNode errorRecordOf(String line) throws IOException {
        try (CaseInput in = CaseInput.open(new ByteArrayInputStream(line.getBytes(StandardCharsets.UTF_8)))) {
            return MAPPER.readTree(AssessmentJson.toJson(in.next().rejection()));
        }
    }

    @Test
    @DisplayName("a rejected number no double can hold is echoed as a string; one a double holds stays a number")
    void rejectedNumbersOutOfDoubleRangeAreEchoedAsStrings() throws IOException {
        // Given cases whose numbers are refused: beyond a double's range, below its precision, a 25-digit integer,
        // and ordinary numbers out of the field's range
        JsonNode huge = errorRecordOf("{\"caseId\": \"a\", \"inr\": 1E+999999999}");
        JsonNode tiny = errorRecordOf("{\"caseId\": \"b\", \"inr\": 1e-400}");
        JsonNode longInteger = errorRecordOf("{\"caseId\": \"c\", \"ecog\": 1234567890123456789012345}");
        JsonNode ordinary = errorRecordOf("{\"caseId\": \"d\", \"ecog\": 7, \"inr\": -1.5}");

        // Then the first three are strings (a JavaScript reader would read Infinity, 0 or another integer), and the
        // ordinary ones stay numbers
        assertThat(huge.at("/errors/0/value").isTextual()).isTrue();
        assertThat(huge.at("/errors/0/value").asText()).isEqualTo("1E+999999999");
        assertThat(tiny.at("/errors/0/value").isTextual()).isTrue();
        assertThat(longInteger.at("/errors/0/value").asText()).isEqualTo("1234567890123456789012345");
        assertThat(longInteger.at("/errors/0/value").isTextual()).isTrue();
        assertThat(ordinary.at("/errors/0/value").isNumber()).isTrue();
        assertThat(ordinary.at("/errors/0/value").intValue()).isEqualTo(7);
        assertThat(ordinary.at("/errors/1/value").isNumber()).isTrue();
        assertThat(ordinary.at("/errors/1/value").doubleValue()).isEqualTo(-1.5);
    }

    @Test
    @DisplayName("U+2028 and U+2029 are escaped in JSON output; the value read back is exact")
    void lineAndParagraphSeparatorsAreEscaped() throws IOException {
        // Given a case id and a rejected value holding the line and paragraph separators
        ErrorRecord e = ErrorRecord.rejected(0, 1L, "case\u2028one", List.of(new CaseProblem("histology",
                "a\u2029b", "unknown histology")));

        // When it is written as JSON, as text and as UTF-8 bytes
        String text = AssessmentJson.toJson(e);
        String bytes = new String(AssessmentJson.toUtf8(e), StandardCharsets.UTF_8);

        // Then neither separator appears raw, and a JSON reader gets the exact values back
        for (String json : List.of(text, bytes)) {
            assertThat(json).doesNotContain("\u2028", "\u2029").contains("case\\u2028one", "a\\u2029b");
            assertThat(MAPPER.readTree(json).get("caseId").asText()).isEqualTo("case\u2028one");
            assertThat(MAPPER.readTree(json).at("/errors/0/value").asText()).isEqualTo("a\u2029b");
        }
    }
}
