package org.mltrules.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mltrules.MltRules;
import org.mltrules.PatientCase;
import org.mltrules.cohort.CaseGenerator;
import org.mltrules.json.AssessmentJson;

/**
 * Round trip over the project's synthetic cohort: every generated case that FHIR can carry, written as an mCODE
 * bundle by the test-only {@link CaseToBundle}, maps back to the same facts and the same assessment.
 */
class GeneratedRoundTripTest {
    private static final MltRules RULES = MltRules.bundled();
    private static final int CASES = 400;

    @Test
    void generatedCasesWrittenAsBundlesAreAssessedTheSame() {
        // Given generated cases (every category, unknown facts, boundary dates, a last local therapy date from the
        // generator for many, and for every third case one set here), written as mCODE bundles
        CaseGenerator cohort = CaseGenerator.builder().seed(13).build();
        List<String> differences = new ArrayList<>();
        int carried = 0;
        for (int i = 0; i < CASES; i++) {
            PatientCase original = withLastLocalTherapy(cohort.next(), i);
            if (!CaseToBundle.carriable(original)) {
                continue;
            }
            carried++;
            String bundle = Fixtures.json(CaseToBundle.write(original));

            // When each is mapped back
            MappingResult result = FhirCaseMapper.builder().caseId(original.caseId()).build().map(bundle);

            // Then it maps, to the same facts and the same assessment
            if (!result.isMapped()) {
                differences.add(original.caseId() + ": not mapped " + result.errors());
                continue;
            }
            PatientCase mapped = result.patientCase().orElseThrow();
            Set<String> changed = CaseDiff.changed(original, mapped);
            if (original.histology() != null && !original.histology().contains("/")) {
                changed.remove("histology");     // a histology name comes back as its first ICD-O-3 code
            }
            if (!changed.isEmpty()) {
                differences.add(original.caseId() + ": " + changed);
            }
            if (!AssessmentJson.toJson(RULES.assess(mapped)).equals(AssessmentJson.toJson(RULES.assess(original)))) {
                differences.add(original.caseId() + ": assessment differs");
            }
        }
        assertThat(carried).as("cases FHIR can carry").isGreaterThan(CASES * 9 / 10);
        assertThat(differences).isEmpty();
    }

    /** Every third case gets a last local therapy date between its primary and OMD dates, when both are known. */
    private static PatientCase withLastLocalTherapy(PatientCase c, int i) {
        if (i % 3 != 0 || c.primaryDiagnosisDate() == null || c.omdDiagnosisDate() == null
                || !c.omdDiagnosisDate().isAfter(c.primaryDiagnosisDate().plusDays(2))) {
            return c;
        }
        long days = c.omdDiagnosisDate().toEpochDay() - c.primaryDiagnosisDate().toEpochDay();
        return c.toBuilder().lastLocalTherapyDate(c.primaryDiagnosisDate().plusDays(days / 2)).build();
    }
}
