package org.mltrules.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mltrules.CaseProblem;
import org.mltrules.Feature;
import org.mltrules.History;
import org.mltrules.InvalidCaseException;
import org.mltrules.Laterality;
import org.mltrules.Lesion;
import org.mltrules.PatientCase;
import org.mltrules.Response;
import org.mltrules.Site;
import org.mltrules.SystemicTherapy;
import org.mltrules.TherapyKind;
import org.mltrules.TherapyStatus;

class CaseJsonTest {

    /** A minimal valid case with one lung lesion; tests splice fields into it. */
    private static String caseWith(String rootFields, String lesionFields) {
        return "{\"caseId\": \"t-1\"" + (rootFields.isEmpty() ? "" : ", " + rootFields)
                + ", \"lesions\": [{\"id\": \"L1\", \"site\": \"LUNG\"" + (lesionFields.isEmpty() ? "" : ", " + lesionFields)
                + "}]}";
    }

    private static List<CaseProblem> problemsOf(String json) {
        InvalidCaseException e = catchThrowableOfType(InvalidCaseException.class, () -> CaseJson.read(json));
        assertThat(e).as("the case should be rejected: %s", json).isNotNull();
        return e.problems();
    }

    static String resource(String name) throws IOException {
        try (InputStream in = CaseJsonTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    @DisplayName("the full example case of the format specification maps to every field")
    void specificationExampleMapsFieldForField() throws IOException {
        // Given the example case of docs/case-format.md
        String json = resource("example-case.json");

        // When it is read
        PatientCase c = CaseJson.read(json);

        // Then every fact is carried over
        assertThat(c.caseId()).isEqualTo("demo-02");
        assertThat(c.histology()).isEqualTo("8890/3");
        assertThat(c.primaryDiagnosisDate()).isEqualTo(LocalDate.of(2019, 3, 12));
        assertThat(c.omdDiagnosisDate()).isEqualTo(LocalDate.of(2023, 5, 2));
        assertThat(c.history()).isEqualTo(new History(false, false));
        assertThat(c.systemicTherapy()).isEqualTo(new SystemicTherapy(TherapyStatus.NONE, null, null));
        assertThat(c.ecog()).isZero();
        assertThat(c.medicallyOperable()).isTrue();
        assertThat(c.declinesSurgery()).isFalse();
        assertThat(c.pulmonaryReserveAdequate()).isTrue();
        assertThat(c.parenchymaSparingNeeded()).isFalse();
        assertThat(c.plateletsPerNanolitre()).isEqualTo(240.0);
        assertThat(c.inr()).isEqualTo(1.0);
        assertThat(c.tumourDoublingTimeDays()).isEqualTo(75.0);
        assertThat(c.lifeExpectancyMonths()).isEqualTo(24.0);
        assertThat(c.priorLungResections()).isZero();
        assertThat(c.lesions()).containsExactly(Lesion.builder("L1", Site.LUNG).laterality(Laterality.RIGHT)
                .sizeMm(15).response(Response.NEW).safelyTreatable(true).resectableR0(true)
                .sabrConstraintsAchievable(true).previouslyIrradiated(false).features(Feature.SUBPLEURAL).build());
    }

    @Test
    @DisplayName("the date of the last local therapy of an earlier metastasis is read (rule set 1.1 uses it)")
    void lastLocalTherapyDateIsRead() {
        PatientCase c = CaseJson.read(caseWith("\"primaryDiagnosisDate\": \"2019-03-12\", \"omdDiagnosisDate\": "
                + "\"2023-05-02\", \"history\": {\"polymetastatic\": false, \"oligometastatic\": true}, "
                + "\"lastLocalTherapyDate\": \"2021-01-31\"", ""));
        assertThat(c.lastLocalTherapyDate()).isEqualTo(LocalDate.of(2021, 1, 31));
        assertThat(CaseJson.read("{\"caseId\": \"u\"}").lastLocalTherapyDate()).isNull();
    }

    @Test
    void stoppedTherapyWithItsLastDoseAndKindIsRead() {
        PatientCase c = CaseJson.read(caseWith("\"omdDiagnosisDate\": \"2024-03-01\", \"systemicTherapy\": "
                + "{\"status\": \"STOPPED\", \"lastDoseDate\": \"2024-02-10\", \"kind\": \"MAINTENANCE\"}", ""));
        assertThat(c.systemicTherapy()).isEqualTo(
                SystemicTherapy.stopped(LocalDate.of(2024, 2, 10), TherapyKind.MAINTENANCE));
    }

    @Nested
    @DisplayName("unknown is not invalid")
    class Unknown {
        @Test
        void absentFieldsAreUnknownNotFalse() {
            PatientCase c = CaseJson.read("{\"caseId\": \"only-id\"}");
            assertThat(c.caseId()).isEqualTo("only-id");
            assertThat(c.histology()).isNull();
            assertThat(c.ecog()).isNull();
            assertThat(c.medicallyOperable()).isNull();
            assertThat(c.history()).isEqualTo(History.UNKNOWN);
            assertThat(c.systemicTherapy()).isEqualTo(SystemicTherapy.UNKNOWN);
            assertThat(c.lesions()).as("absent lesions are unknown, not none").isNull();
        }

        @Test
        void explicitNullsAreUnknownEverywhere() {
            PatientCase c = CaseJson.read("{\"caseId\": \"nulls\", \"histology\": null, \"ecog\": null, "
                    + "\"history\": {\"polymetastatic\": null, \"oligometastatic\": true}, \"systemicTherapy\": null, "
                    + "\"inr\": null, \"lesions\": [{\"id\": \"L1\", \"site\": \"LIVER\", \"sizeMm\": null, "
                    + "\"safelyTreatable\": null, \"features\": null}]}");
            assertThat(c.history()).isEqualTo(new History(null, true));
            assertThat(c.systemicTherapy()).isEqualTo(SystemicTherapy.UNKNOWN);
            Lesion l = c.lesions().get(0);
            assertThat(l.sizeMm()).isNull();
            assertThat(l.safelyTreatable()).isNull();
            assertThat(l.features()).as("null features are unknown").isNull();
        }

        @Test
        void emptyLesionArrayMeansNoDistantMetastasisAndEmptyFeaturesMeansNone() {
            PatientCase none = CaseJson.read("{\"caseId\": \"no-mets\", \"lesions\": []}");
            assertThat(none.lesions()).isEmpty();

            PatientCase noFeatures = CaseJson.read(caseWith("", "\"features\": []"));
            assertThat(noFeatures.lesions().get(0).features()).isNotNull().isEmpty();

            PatientCase absentFeatures = CaseJson.read(caseWith("", ""));
            assertThat(absentFeatures.lesions().get(0).features()).isNull();
        }

        @Test
        void integralDecimalIsAnInteger() {
            assertThat(CaseJson.read(caseWith("\"ecog\": 2.0", "")).ecog()).isEqualTo(2);
        }

        @Test
        void decimalsAreAcceptedWhereTheSpecificationSaysNumber() {
            PatientCase c = CaseJson.read(caseWith("\"inr\": 1.25, \"plateletsPerNanolitre\": 1.5e2", "\"sizeMm\": 7.5"));
            assertThat(c.inr()).isEqualTo(1.25);
            assertThat(c.plateletsPerNanolitre()).isEqualTo(150.0);
            assertThat(c.lesions().get(0).sizeMm()).isEqualTo(7.5);
        }
    }

    static Stream<Arguments> rejections() {
        String longText = "x".repeat(129);
        String hundredAndOneLesions = IntStream.range(0, 101)
                .mapToObj(i -> "{\"id\": \"L" + i + "\", \"site\": \"LUNG\"}").collect(Collectors.joining(", "));
        return Stream.of(
                Arguments.of("unknown lesion field, typo", caseWith("", "\"sizeMn\": 15"), "lesions[0].sizeMn", "did you mean \"sizeMm\""),
                Arguments.of("unknown case field", caseWith("\"weightKg\": 70", ""), "weightKg", "unknown field"),
                Arguments.of("unknown history field", caseWith("\"history\": {\"polymetastatc\": true}", ""), "history.polymetastatc", "did you mean \"polymetastatic\""),
                Arguments.of("unknown therapy field", caseWith("\"systemicTherapy\": {\"drug\": \"doxorubicin\"}", ""), "systemicTherapy.drug", "unknown field"),
                Arguments.of("duplicate key", caseWith("\"ecog\": 1, \"ecog\": 2", ""), "ecog", "duplicate key"),
                Arguments.of("duplicate key in a lesion", caseWith("", "\"sizeMm\": 1, \"sizeMm\": 2"), "lesions[0].sizeMm", "duplicate key"),
                Arguments.of("string where a number is expected", caseWith("", "\"sizeMm\": \"15\""), "lesions[0].sizeMm", "must be a number, not a string"),
                Arguments.of("fractional ecog", caseWith("\"ecog\": 1.5", ""), "ecog", "not a fractional number"),
                Arguments.of("ecog as a string", caseWith("\"ecog\": \"1\"", ""), "ecog", "must be an integer from 0 to 4, not a string"),
                Arguments.of("ecog out of range", caseWith("\"ecog\": 5", ""), "ecog", "0 to 4"),
                Arguments.of("ecog beyond any integer", caseWith("\"ecog\": 99999999999999999999", ""), "ecog", "out of range"),
                Arguments.of("boolean as a string", caseWith("\"medicallyOperable\": \"true\"", ""), "medicallyOperable", "must be true, false or null"),
                Arguments.of("boolean as a number", caseWith("", "\"safelyTreatable\": 1"), "lesions[0].safelyTreatable", "must be true, false or null"),
                Arguments.of("negative platelets", caseWith("\"plateletsPerNanolitre\": -1", ""), "plateletsPerNanolitre", "must not be negative"),
                Arguments.of("zero INR", caseWith("\"inr\": 0", ""), "inr", "greater than 0"),
                Arguments.of("zero doubling time", caseWith("\"tumourDoublingTimeDays\": 0", ""), "tumourDoublingTimeDays", "greater than 0"),
                Arguments.of("negative life expectancy", caseWith("\"lifeExpectancyMonths\": -3", ""), "lifeExpectancyMonths", "must not be negative"),
                Arguments.of("negative prior resections", caseWith("\"priorLungResections\": -1", ""), "priorLungResections", "must not be negative"),
                Arguments.of("zero size", caseWith("", "\"sizeMm\": 0"), "lesions[0].sizeMm", "greater than 0"),
                Arguments.of("size beyond a double", caseWith("", "\"sizeMm\": 1e400"), "lesions[0].sizeMm", "out of range"),
                Arguments.of("size below a double", caseWith("", "\"sizeMm\": 1e-400"), "lesions[0].sizeMm", "out of range"),
                Arguments.of("exponent beyond BigDecimal", caseWith("", "\"sizeMm\": 1e9999999999"), "lesions[0].sizeMm", "out of range"),
                Arguments.of("impossible date", caseWith("\"primaryDiagnosisDate\": \"2023-02-30\"", ""), "primaryDiagnosisDate", "not a calendar date"),
                Arguments.of("date not ISO", caseWith("\"omdDiagnosisDate\": \"02/05/2023\"", ""), "omdDiagnosisDate", "ISO-8601"),
                Arguments.of("date with time", caseWith("\"omdDiagnosisDate\": \"2023-05-02T10:00\"", ""), "omdDiagnosisDate", "ISO-8601"),
                Arguments.of("date as a number", caseWith("\"omdDiagnosisDate\": 20230502", ""), "omdDiagnosisDate", "must be a string"),
                Arguments.of("impossible last dose date", caseWith("\"systemicTherapy\": {\"status\": \"STOPPED\", \"lastDoseDate\": \"2023-13-01\"}", ""), "systemicTherapy.lastDoseDate", "not a calendar date"),
                Arguments.of("OMD before the primary", caseWith("\"primaryDiagnosisDate\": \"2023-05-02\", \"omdDiagnosisDate\": \"2023-05-01\"", ""), "omdDiagnosisDate", "before primaryDiagnosisDate"),
                Arguments.of("stopped therapy dosed after the OMD diagnosis", caseWith("\"omdDiagnosisDate\": \"2023-05-01\", \"systemicTherapy\": {\"status\": \"STOPPED\", \"lastDoseDate\": \"2023-05-02\"}", ""), "systemicTherapy.lastDoseDate", "after omdDiagnosisDate"),
                Arguments.of("last local therapy after the OMD diagnosis", caseWith("\"omdDiagnosisDate\": \"2023-05-01\", \"lastLocalTherapyDate\": \"2023-05-02\"", ""), "lastLocalTherapyDate", "after omdDiagnosisDate"),
                Arguments.of("last local therapy before the primary", caseWith("\"primaryDiagnosisDate\": \"2020-01-10\", \"lastLocalTherapyDate\": \"2020-01-09\"", ""), "lastLocalTherapyDate", "before primaryDiagnosisDate"),
                Arguments.of("impossible last local therapy date", caseWith("\"lastLocalTherapyDate\": \"2021-02-29\"", ""), "lastLocalTherapyDate", "not a calendar date"),
                Arguments.of("site in lower case", caseWith("", "\"response\": \"NEW\"").replace("\"LUNG\"", "\"lung\""), "lesions[0].site", "case-sensitive"),
                Arguments.of("unknown therapy status", caseWith("\"systemicTherapy\": {\"status\": \"PAUSED\"}", ""), "systemicTherapy.status", "unknown therapy status"),
                Arguments.of("unknown therapy kind", caseWith("\"systemicTherapy\": {\"kind\": \"TKI\"}", ""), "systemicTherapy.kind", "unknown therapy kind"),
                Arguments.of("unknown laterality", caseWith("", "\"laterality\": \"BOTH\""), "lesions[0].laterality", "unknown laterality"),
                Arguments.of("unknown response", caseWith("", "\"response\": \"PD\""), "lesions[0].response", "unknown response"),
                Arguments.of("unknown feature", caseWith("", "\"features\": [\"CENTRAL\", \"PERIHILAR\"]"), "lesions[0].features[1]", "unknown feature"),
                Arguments.of("null feature", caseWith("", "\"features\": [null]"), "lesions[0].features[0]", "must be a feature name"),
                Arguments.of("features not an array", caseWith("", "\"features\": \"CENTRAL\""), "lesions[0].features", "must be an array"),
                Arguments.of("malformed histology code", caseWith("\"histology\": \"88903\"", ""), "histology", "malformed ICD-O-3"),
                Arguments.of("benign histology behaviour", caseWith("\"histology\": \"8890/0\"", ""), "histology", "behaviour code must be /3"),
                Arguments.of("unknown histology name", caseWith("\"histology\": \"Leiomyosarcoma\"", ""), "histology", "unknown histology name"),
                Arguments.of("missing case id", "{\"lesions\": []}", "caseId", "required"),
                Arguments.of("null case id", "{\"caseId\": null}", "caseId", "required"),
                Arguments.of("empty case id", "{\"caseId\": \"\"}", "caseId", "must not be empty"),
                Arguments.of("numeric case id", "{\"caseId\": 42}", "caseId", "must be a string"),
                Arguments.of("case id over 128 characters", "{\"caseId\": \"" + longText + "\"}", "caseId", "longer than 128"),
                Arguments.of("lesion id over 128 characters", caseWith("", "").replace("\"L1\"", "\"" + longText + "\""), "lesions[0].id", "longer than 128"),
                Arguments.of("missing lesion id", "{\"caseId\": \"t\", \"lesions\": [{\"site\": \"LUNG\"}]}", "lesions[0].id", "required"),
                Arguments.of("missing lesion site", "{\"caseId\": \"t\", \"lesions\": [{\"id\": \"L1\"}]}", "lesions[0].site", "required"),
                Arguments.of("null lesion site", "{\"caseId\": \"t\", \"lesions\": [{\"id\": \"L1\", \"site\": null}]}", "lesions[0].site", "required"),
                Arguments.of("repeated lesion id", "{\"caseId\": \"t\", \"lesions\": [{\"id\": \"A\", \"site\": \"LUNG\"}, {\"id\": \"A\", \"site\": \"LIVER\"}]}", "lesions[1].id", "unique"),
                Arguments.of("more than 100 lesions", "{\"caseId\": \"t\", \"lesions\": [" + hundredAndOneLesions + "]}", "lesions", "at most 100"),
                Arguments.of("lesions not an array", "{\"caseId\": \"t\", \"lesions\": {\"id\": \"L1\"}}", "lesions", "must be an array"),
                Arguments.of("lesion not an object", "{\"caseId\": \"t\", \"lesions\": [{\"id\": \"L1\", \"site\": \"LUNG\"}, \"L2\"]}", "lesions[1]", "must be a JSON object"),
                Arguments.of("history not an object", caseWith("\"history\": true", ""), "history", "must be a JSON object"),
                Arguments.of("case not an object", "[{\"caseId\": \"t\"}]", "", "a case must be a JSON object"),
                Arguments.of("NaN is not JSON", caseWith("\"inr\": NaN", ""), "inr", "malformed JSON: Non-standard token 'NaN'"),
                Arguments.of("malformed JSON", "{\"caseId\": \"t\",}", "", "malformed JSON"),
                Arguments.of("content after the case", "{\"caseId\": \"t\"} {\"caseId\": \"u\"}", "", "unexpected content after the case"),
                Arguments.of("empty input", "  ", "", "input is empty"),
                Arguments.of("too deeply nested", "{\"caseId\": \"t\", \"x\": " + "[".repeat(40) + "]".repeat(40) + "}", "x" + "[0]".repeat(31), "exceeds a limit: Document nesting depth"),
                Arguments.of("number too long", caseWith("\"inr\": 1." + "1".repeat(200), ""), "inr", "exceeds a limit: Number value length"));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("rejections")
    @DisplayName("each kind of invalid input is refused with its exact path")
    void refusesInvalidInputNamingTheField(String scenario, String json, String field, String message) {
        // When the case is read
        List<CaseProblem> problems = problemsOf(json);

        // Then exactly that field is named, once, with the reason
        assertThat(problems).filteredOn(p -> p.field().equals(field)).singleElement()
                .satisfies(p -> assertThat(p.message()).contains(message));
    }

    @Test
    @DisplayName("several problems are reported together, in input order, each field once")
    void everyProblemIsReportedAtOnce() {
        // Given a case with a typo, a fractional ECOG, an impossible date, a lower-case site and dates out of order
        String json = "{\"caseId\": \"multi\", \"ecog\": 1.5, \"primaryDiagnosisDate\": \"2023-02-30\","
                + " \"omdDiagnosisDate\": \"2020-01-01\", \"histology\": \"8890/3\", \"history\": {\"poly\": true},"
                + " \"lesions\": [{\"id\": \"L1\", \"site\": \"LUNG\"}, {\"id\": \"L2\", \"site\": \"liver\", \"sizeMm\": -4}]}";

        // When it is read
        InvalidCaseException e = catchThrowableOfType(InvalidCaseException.class, () -> CaseJson.read(json));

        // Then every problem is there, and the core's ECOG range check does not repeat the type problem
        assertThat(e.caseId()).isEqualTo("multi");
        assertThat(e.problems()).extracting(CaseProblem::field).containsExactly(
                "ecog", "primaryDiagnosisDate", "history.poly", "lesions[1].site", "lesions[1].sizeMm");
    }

    @Test
    @DisplayName("dates out of order are reported with type problems of other fields")
    void semanticAndTypeProblemsTogether() {
        List<CaseProblem> problems = problemsOf(caseWith("\"primaryDiagnosisDate\": \"2023-05-02\", "
                + "\"omdDiagnosisDate\": \"2023-05-01\", \"ecog\": \"zero\"", "\"sizeMn\": 3"));
        assertThat(problems).extracting(CaseProblem::field)
                .containsExactly("ecog", "lesions[0].sizeMn", "omdDiagnosisDate");
    }

    @Test
    @DisplayName("a missing lesion id does not make two lesions look alike")
    void missingIdsAreNotDuplicates() {
        List<CaseProblem> problems = problemsOf("{\"caseId\": \"t\", \"lesions\": "
                + "[{\"site\": \"LUNG\"}, {\"site\": \"LUNG\"}, {\"id\": \"L3\", \"site\": \"LUNG\", \"sizeMm\": 0}]}");
        assertThat(problems).extracting(CaseProblem::field)
                .containsExactly("lesions[0].id", "lesions[1].id", "lesions[2].sizeMm");
    }

    @Test
    @DisplayName("the error value is the offending JSON value, cut when long")
    void problemValueIsTheOffendingJsonValue() {
        String longName = "N".repeat(500);
        List<CaseProblem> problems = problemsOf(caseWith("\"ecog\": 1.5, \"medicallyOperable\": \"yes\", "
                + "\"history\": [true], \"histology\": \"" + longName + "\"", "\"safelyTreatable\": 0"));
        assertThat(problems).extracting(CaseProblem::field, CaseProblem::value).containsExactly(
                org.assertj.core.groups.Tuple.tuple("ecog", new BigDecimal("1.5")),
                org.assertj.core.groups.Tuple.tuple("medicallyOperable", "yes"),
                org.assertj.core.groups.Tuple.tuple("history", "[true]"),
                org.assertj.core.groups.Tuple.tuple("histology", "N".repeat(97) + "..."),
                org.assertj.core.groups.Tuple.tuple("lesions[0].safelyTreatable", 0));
    }

    @Test
    void unknownFieldValueIsReportedAsGiven() {
        CaseProblem p = problemsOf(caseWith("", "\"sizeMn\": 15")).get(0);
        assertThat(p).isEqualTo(new CaseProblem("lesions[0].sizeMn", 15, "unknown field (did you mean \"sizeMm\"?)"));
    }

    @Test
    @DisplayName("a key given twice is reported at every level, and the case id is still known")
    void duplicateKeysAtEveryLevel() {
        InvalidCaseException e = catchThrowableOfType(InvalidCaseException.class, () -> CaseJson.read(
                "{\"caseId\": \"dup\", \"history\": {\"polymetastatic\": true, \"polymetastatic\": false},"
                        + " \"lesions\": [{\"id\": \"L1\", \"site\": \"LUNG\", \"site\": \"LIVER\"}], \"caseId\": \"dup2\"}"));
        assertThat(e.caseId()).isEqualTo("dup");
        assertThat(e.problems()).extracting(CaseProblem::field, CaseProblem::value).containsExactly(
                org.assertj.core.groups.Tuple.tuple("history.polymetastatic", false),
                org.assertj.core.groups.Tuple.tuple("lesions[0].site", "LIVER"),
                org.assertj.core.groups.Tuple.tuple("caseId", "dup2"));
    }

    @Test
    @DisplayName("a hostile case with thousands of problems lists the first hundred and counts the rest")
    void problemListIsCapped() {
        String lesions = IntStream.range(0, 300).mapToObj(i -> "{\"id\": \"L" + i + "\", \"site\": \"MOON\"}")
                .collect(Collectors.joining(","));
        List<CaseProblem> problems = problemsOf("{\"caseId\": \"t\", \"lesions\": [" + lesions + "]}");
        assertThat(problems).hasSize(101);
        assertThat(problems.get(100).message()).isEqualTo("201 more problem(s) not listed");
    }

    @Test
    @DisplayName("a case too large to be valid is refused without keeping its values")
    void hugeCaseIsRefused() {
        String json = "{\"caseId\": \"big\", \"lesions\": [" + "1,".repeat(30_000) + "1]}";
        assertThat(problemsOf(json)).extracting(CaseProblem::message)
                .anySatisfy(m -> assertThat(m).startsWith("case too large"));
    }

    @Test
    @DisplayName("a host's JSON tree is read with the same checks")
    void readsAHostTree() throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        PatientCase c = CaseJson.read(mapper.readTree(resource("example-case.json")));
        assertThat(c).isEqualTo(CaseJson.read(resource("example-case.json")));

        InvalidCaseException e = catchThrowableOfType(InvalidCaseException.class,
                () -> CaseJson.read(mapper.readTree("{\"caseId\": \"t\", \"inr\": \"high\"}")));
        assertThat(e.problems()).extracting(CaseProblem::field).containsExactly("inr");
    }

    @Test
    void nonFiniteNumbersInAHostTreeAreRefused() {
        var tree = new ObjectMapper().createObjectNode().put("caseId", "t").put("inr", Double.NaN)
                .put("ecog", Double.POSITIVE_INFINITY);
        InvalidCaseException e = catchThrowableOfType(InvalidCaseException.class, () -> CaseJson.read(tree));
        assertThat(e.problems()).extracting(CaseProblem::field).containsExactly("inr", "ecog");
    }

    @Test
    @DisplayName("a host's tree 5,000 levels deep is refused as an invalid case, like text that deep")
    void aDeepHostTreeIsAnInvalidCase() {
        // Given a tree the host built itself, with an unknown key nesting 5,000 objects
        ObjectMapper mapper = new ObjectMapper();
        var tree = mapper.createObjectNode().put("caseId", "deep");
        var node = tree.putObject("x");
        for (int i = 0; i < 5_000; i++) {
            node = node.putObject("x");
        }

        // When it is read
        Throwable e = catchThrowable(() -> CaseJson.read(tree));

        // Then it is refused with the limit named, not with a raw exception
        assertThat(e).isInstanceOf(InvalidCaseException.class);
        assertThat(((InvalidCaseException) e).problems()).extracting(CaseProblem::message)
                .containsExactly("input exceeds a limit: nesting deeper than 32 levels");
    }

    @Test
    @DisplayName("a host's tree of a million values is refused as too large")
    void aHugeHostTreeIsAnInvalidCase() {
        ObjectMapper mapper = new ObjectMapper();
        var tree = mapper.createObjectNode().put("caseId", "wide");
        var array = tree.putArray("lesions");
        for (int i = 0; i < 1_000_000; i++) {
            array.add(i);
        }
        InvalidCaseException e = catchThrowableOfType(InvalidCaseException.class, () -> CaseJson.read(tree));
        assertThat(e.problems()).extracting(CaseProblem::message)
                .containsExactly("case too large: more than 20000 JSON values");
    }
}
