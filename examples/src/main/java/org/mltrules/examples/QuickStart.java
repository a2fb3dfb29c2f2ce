package org.mltrules.examples;

import java.time.LocalDate;
import org.mltrules.Assessment;
import org.mltrules.Feature;
import org.mltrules.Laterality;
import org.mltrules.Lesion;
import org.mltrules.MltRules;
import org.mltrules.PatientCase;
import org.mltrules.RankedOption;
import org.mltrules.Response;
import org.mltrules.Site;
import org.mltrules.SystemicTherapy;

/** The README's Java snippet, kept compiling by the build. Run: see README "Embedding". */
public final class QuickStart {
    private QuickStart() {
    }

    public static void main(String[] args) {
        // README-SNIPPET-START
        MltRules rules = MltRules.bundled();   // once per application: thread-safe, reuse it

        PatientCase patient = PatientCase.builder("demo-02")                // examples/cases/one.json
                .histology("8890/3")                                   // leiomyosarcoma (ICD-O-3)
                .primaryDiagnosisDate(LocalDate.of(2019, 3, 12))
                .omdDiagnosisDate(LocalDate.of(2023, 5, 2))
                .history(false, false)                                 // no prior poly- or oligometastatic disease
                .systemicTherapy(SystemicTherapy.NONE)
                .ecog(0).medicallyOperable(true).declinesSurgery(false)
                .pulmonaryReserveAdequate(true).parenchymaSparingNeeded(false)
                .plateletsPerNanolitre(240).inr(1.0).tumourDoublingTimeDays(75).lifeExpectancyMonths(24)
                .priorLungResections(0)
                .lesions(Lesion.builder("L1", Site.LUNG).laterality(Laterality.RIGHT).sizeMm(15)
                        .response(Response.NEW).safelyTreatable(true).resectableR0(true)
                        .sabrConstraintsAchievable(true).previouslyIrradiated(false)
                        .features(Feature.SUBPLEURAL).build())
                .build();

        Assessment assessment = rules.assess(patient);
        System.out.println(assessment.category());                    // METACHRONOUS_OLIGORECURRENCE
        for (RankedOption option : assessment.lesions().get(0).options()) {
            System.out.println(option.rank() + ". " + option.technique() + " (score " + option.score() + ")");
        }
        System.out.println(assessment.disclaimer());
        // README-SNIPPET-END
    }
}
