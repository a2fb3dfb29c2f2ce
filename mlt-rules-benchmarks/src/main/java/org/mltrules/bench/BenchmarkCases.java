package org.mltrules.bench;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.mltrules.Feature;
import org.mltrules.Laterality;
import org.mltrules.Lesion;
import org.mltrules.PatientCase;
import org.mltrules.Response;
import org.mltrules.Site;
import org.mltrules.SystemicTherapy;
import org.mltrules.TherapyKind;

/**
 * Representative cases for the benchmarks: every fact known, so that the whole tree and every ranking rule that
 * applies are evaluated. A metachronous leiomyosarcoma on chemotherapy with 1, 3 or 5 lesions (lungs on both sides,
 * liver, spine, brain), the shapes a sarcoma board sees most.
 */
public final class BenchmarkCases {
    private BenchmarkCases() {
    }

    private static final List<Lesion> LESIONS = List.of(
            Lesion.builder("L1", Site.LUNG).laterality(Laterality.RIGHT).sizeMm(15).response(Response.NEW)
                    .safelyTreatable(true).resectableR0(true).sabrConstraintsAchievable(true)
                    .previouslyIrradiated(false).features(Feature.SUBPLEURAL).build(),
            Lesion.builder("L2", Site.LUNG).laterality(Laterality.LEFT).sizeMm(8).response(Response.PROGRESSING)
                    .safelyTreatable(true).resectableR0(true).sabrConstraintsAchievable(true)
                    .previouslyIrradiated(false).features(Feature.DEEP).build(),
            Lesion.builder("L3", Site.LIVER).laterality(Laterality.MIDLINE).sizeMm(32).response(Response.NEW)
                    .safelyTreatable(true).resectableR0(true).sabrConstraintsAchievable(true)
                    .previouslyIrradiated(false).features(Feature.ADJACENT_VESSEL_3MM).build(),
            Lesion.builder("L4", Site.BONE_SPINE).laterality(Laterality.MIDLINE).sizeMm(22).response(Response.STABLE)
                    .safelyTreatable(true).resectableR0(false).sabrConstraintsAchievable(true)
                    .previouslyIrradiated(true).features().build(),
            Lesion.builder("L5", Site.BRAIN).laterality(Laterality.LEFT).sizeMm(12).response(Response.NEW)
                    .safelyTreatable(true).resectableR0(true).sabrConstraintsAchievable(true)
                    .previouslyIrradiated(false).features().build());

    /** The representative case with the first {@code lesions} (1-5) lesions. */
    public static PatientCase withLesions(int lesions) {
        if (lesions < 1 || lesions > LESIONS.size()) {
            throw new IllegalArgumentException("lesions must be 1 to " + LESIONS.size() + ": " + lesions);
        }
        return PatientCase.builder("bench-" + lesions).histology("8890/3")
                .primaryDiagnosisDate(LocalDate.of(2019, 3, 12)).omdDiagnosisDate(LocalDate.of(2023, 5, 2))
                .history(false, false).systemicTherapy(SystemicTherapy.ongoing(TherapyKind.CHEMOTHERAPY))
                .ecog(1).medicallyOperable(true).declinesSurgery(false).pulmonaryReserveAdequate(true)
                .parenchymaSparingNeeded(false).plateletsPerNanolitre(240).inr(1.0).tumourDoublingTimeDays(75)
                .lifeExpectancyMonths(24).priorLungResections(0)
                .lesions(new ArrayList<>(LESIONS.subList(0, lesions))).build();
    }

    private static final List<String> LESIONS_JSON = List.of(
            "{\"id\": \"L1\", \"site\": \"LUNG\", \"laterality\": \"RIGHT\", \"sizeMm\": 15, \"response\": \"NEW\", "
                    + "\"safelyTreatable\": true, \"resectableR0\": true, \"sabrConstraintsAchievable\": true, "
                    + "\"previouslyIrradiated\": false, \"features\": [\"SUBPLEURAL\"]}",
            "{\"id\": \"L2\", \"site\": \"LUNG\", \"laterality\": \"LEFT\", \"sizeMm\": 8, \"response\": \"PROGRESSING\", "
                    + "\"safelyTreatable\": true, \"resectableR0\": true, \"sabrConstraintsAchievable\": true, "
                    + "\"previouslyIrradiated\": false, \"features\": [\"DEEP\"]}",
            "{\"id\": \"L3\", \"site\": \"LIVER\", \"laterality\": \"MIDLINE\", \"sizeMm\": 32, \"response\": \"NEW\", "
                    + "\"safelyTreatable\": true, \"resectableR0\": true, \"sabrConstraintsAchievable\": true, "
                    + "\"previouslyIrradiated\": false, \"features\": [\"ADJACENT_VESSEL_3MM\"]}",
            "{\"id\": \"L4\", \"site\": \"BONE_SPINE\", \"laterality\": \"MIDLINE\", \"sizeMm\": 22, "
                    + "\"response\": \"STABLE\", \"safelyTreatable\": true, \"resectableR0\": false, "
                    + "\"sabrConstraintsAchievable\": true, \"previouslyIrradiated\": true, \"features\": []}",
            "{\"id\": \"L5\", \"site\": \"BRAIN\", \"laterality\": \"LEFT\", \"sizeMm\": 12, \"response\": \"NEW\", "
                    + "\"safelyTreatable\": true, \"resectableR0\": true, \"sabrConstraintsAchievable\": true, "
                    + "\"previouslyIrradiated\": false, \"features\": []}");

    /** {@link #withLesions(int)} as JSON text in the case format version 1, as a host would send it. */
    public static String json(int lesions) {
        if (lesions < 1 || lesions > LESIONS_JSON.size()) {
            throw new IllegalArgumentException("lesions must be 1 to " + LESIONS_JSON.size() + ": " + lesions);
        }
        return "{\"caseId\": \"bench-" + lesions + "\", \"histology\": \"8890/3\", "
                + "\"primaryDiagnosisDate\": \"2019-03-12\", \"omdDiagnosisDate\": \"2023-05-02\", "
                + "\"history\": {\"polymetastatic\": false, \"oligometastatic\": false}, "
                + "\"systemicTherapy\": {\"status\": \"ONGOING\", \"lastDoseDate\": null, \"kind\": \"CHEMOTHERAPY\"}, "
                + "\"ecog\": 1, \"medicallyOperable\": true, \"declinesSurgery\": false, "
                + "\"pulmonaryReserveAdequate\": true, \"parenchymaSparingNeeded\": false, "
                + "\"plateletsPerNanolitre\": 240, \"inr\": 1.0, \"tumourDoublingTimeDays\": 75, "
                + "\"lifeExpectancyMonths\": 24, \"priorLungResections\": 0, \"lesions\": ["
                + String.join(", ", LESIONS_JSON.subList(0, lesions)) + "]}";
    }
}
