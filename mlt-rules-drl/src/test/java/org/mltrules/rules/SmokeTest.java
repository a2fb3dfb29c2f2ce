package org.mltrules.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.mltrules.*;

class SmokeTest {
    @Test
    void smoke() {
        long t = System.nanoTime();
        MltRules rules = MltRules.bundled();
        System.out.println("load ms " + (System.nanoTime() - t) / 1e6);
        PatientCase c = PatientCase.builder("v02").histology("8890/3")
                .primaryDiagnosisDate(LocalDate.parse("2019-03-12")).omdDiagnosisDate(LocalDate.parse("2023-05-02"))
                .history(false, false).systemicTherapy(SystemicTherapy.NONE).ecog(0)
                .lesions(Lesion.builder("L1", Site.LUNG).laterality(Laterality.RIGHT).sizeMm(15).response(Response.NEW).safelyTreatable(true).build())
                .build();
        Assessment a = rules.assess(c);
        System.out.println(a);
        assertThat(a.category()).isEqualTo(Category.METACHRONOUS_OLIGORECURRENCE);
    }
}
