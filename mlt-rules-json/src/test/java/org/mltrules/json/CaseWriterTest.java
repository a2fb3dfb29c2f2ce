package org.mltrules.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.mltrules.Feature;
import org.mltrules.Laterality;
import org.mltrules.Lesion;
import org.mltrules.PatientCase;
import org.mltrules.Response;
import org.mltrules.Site;
import org.mltrules.SystemicTherapy;
import org.mltrules.TherapyKind;
import org.mltrules.cohort.CaseGenerator;

class CaseWriterTest {

    private static PatientCase fullCase() {
        return PatientCase.builder("board-2024-17")
                .histology("8890/3")
                .primaryDiagnosisDate(LocalDate.of(2019, 3, 12))
                .omdDiagnosisDate(LocalDate.of(2023, 5, 2))
                .history(false, true)
                .systemicTherapy(SystemicTherapy.stopped(LocalDate.of(2023, 4, 2), TherapyKind.MAINTENANCE))
                .ecog(1).medicallyOperable(true).declinesSurgery(false).pulmonaryReserveAdequate(true)
                .parenchymaSparingNeeded(true).plateletsPerNanolitre(240).inr(1.15).tumourDoublingTimeDays(37.5)
                .lifeExpectancyMonths(24).priorLungResections(1).lastLocalTherapyDate(LocalDate.of(2021, 11, 30))
                .lesions(Lesion.builder("L1", Site.LUNG).laterality(Laterality.RIGHT).sizeMm(15).response(Response.NEW)
                                .safelyTreatable(true).resectableR0(true).sabrConstraintsAchievable(false)
                                .previouslyIrradiated(false).features(Feature.SUBPLEURAL, Feature.ADJACENT_VESSEL_3MM)
                                .build(),
                        Lesion.builder("L2", Site.BONE_SPINE).sizeMm(22.4).features().build())
                .build();
    }

    @Test
    @DisplayName("a case with every fact known reads back equal")
    void everyFactRoundTrips() {
        // Given a case with every field of format version 1
        PatientCase original = fullCase();

        // When it is written and read back
        String json = CaseWriter.toJson(original);
        PatientCase read = CaseJson.read(json);

        // Then nothing is lost or changed
        assertThat(read).isEqualTo(original);
        assertThat(json).doesNotContain("\n");
    }

    @Test
    @DisplayName("unknown facts stay unknown: left out, never written as false or zero")
    void unknownFactsAreLeftOut() {
        // Given a case that knows only its id and a lesion with unknown features
        PatientCase original = PatientCase.builder("u-1")
                .lesions(Lesion.builder("L1", Site.LIVER).build()).build();

        // When it is written
        String json = CaseWriter.toJson(original);

        // Then only the known facts appear, and reading gives the same unknowns back
        assertThat(json).isEqualTo("{\"caseId\":\"u-1\",\"lesions\":[{\"id\":\"L1\",\"site\":\"LIVER\"}]}");
        assertThat(CaseJson.read(json)).isEqualTo(original);
    }

    @Test
    @DisplayName("no distant metastasis ([]) and a lesion without features ([]) are written, not dropped")
    void emptyListsAreKnownFacts() {
        // Given a case with no lesion at all, and one whose lesion has no feature
        PatientCase none = PatientCase.builder("e-1").lesions(List.of()).build();
        PatientCase noFeatures = PatientCase.builder("e-2")
                .lesions(Lesion.builder("L1", Site.LUNG).features().build()).build();

        // When written and read back
        // Then the empty lists survive: [] is a fact, absent is unknown
        assertThat(CaseWriter.toJson(none)).contains("\"lesions\":[]");
        assertThat(CaseJson.read(CaseWriter.toJson(none)).lesions()).isEmpty();
        assertThat(CaseWriter.toJson(noFeatures)).contains("\"features\":[]");
        assertThat(CaseJson.read(CaseWriter.toJson(noFeatures)).lesions().get(0).features()).isEmpty();
    }

    @Test
    @DisplayName("whole numbers are written as integers, fractions exactly")
    void numbersAreWrittenAsTheFormatShowsThem() {
        // Given sizes and laboratory values with and without fractions
        PatientCase c = fullCase();

        // When written
        String json = CaseWriter.toJson(c);

        // Then 240.0 is 240 and 1.15 stays 1.15
        assertThat(json).contains("\"plateletsPerNanolitre\":240,").contains("\"inr\":1.15,")
                .contains("\"tumourDoublingTimeDays\":37.5,").contains("\"sizeMm\":22.4");
    }

    @Test
    @DisplayName("the field order is the format's: caseId first, lesions last, history and therapy nested")
    void fieldOrderFollowsTheFormat() throws Exception {
        // Given the full case
        StringWriter out = new StringWriter();

        // When it is written to a writer
        CaseWriter.write(fullCase(), out);

        // Then fields come in the documented order
        String json = out.toString();
        assertThat(json).startsWith("{\"caseId\":\"board-2024-17\",\"histology\":\"8890/3\",\"primaryDiagnosisDate\"")
                .contains("\"history\":{\"polymetastatic\":false,\"oligometastatic\":true}")
                .contains("\"systemicTherapy\":{\"status\":\"STOPPED\",\"lastDoseDate\":\"2023-04-02\","
                        + "\"kind\":\"MAINTENANCE\"}")
                .endsWith("\"features\":[]}]}");
        assertThat(json.indexOf("\"ecog\"")).isLessThan(json.indexOf("\"lesions\""));
        assertThat(json).contains("\"priorLungResections\":1,\"lastLocalTherapyDate\":\"2021-11-30\",\"lesions\":[");
    }

    @Test
    @DisplayName("every case of a generated cohort, with a last local therapy added now and then, reads back equal")
    void generatedCohortRoundTrips() {
        CaseGenerator cohort = CaseGenerator.builder().seed(20240915L).build();
        for (int i = 0; i < 3000; i++) {
            PatientCase c = cohort.next();
            if (i % 7 == 0 && c.omdDiagnosisDate() != null) {
                LocalDate last = c.omdDiagnosisDate().minusDays(i % 90);
                boolean beforePrimary = c.primaryDiagnosisDate() != null && last.isBefore(c.primaryDiagnosisDate());
                c = c.toBuilder().lastLocalTherapyDate(beforePrimary ? c.primaryDiagnosisDate() : last).build();
            }
            assertThat(CaseJson.read(CaseWriter.toJson(c))).as(c.caseId()).isEqualTo(c);
        }
    }
}
