package org.mltrules.rules;

import java.time.LocalDate;
import org.mltrules.History;
import org.mltrules.Laterality;
import org.mltrules.Lesion;
import org.mltrules.PatientCase;
import org.mltrules.Response;
import org.mltrules.Site;
import org.mltrules.SystemicTherapy;
import org.mltrules.TherapyKind;

/** Readable clinical fixtures for the scenario tests. */
final class Cases {
    private Cases() {
    }

    static LocalDate date(String iso) {
        return LocalDate.parse(iso);
    }

    /** A safely treatable right-lung nodule with the given response. */
    static Lesion lungNodule(String id, Response response) {
        return Lesion.builder(id, Site.LUNG).laterality(Laterality.RIGHT).sizeMm(12).response(response)
                .safelyTreatable(true).build();
    }

    /** A safely treatable lesion at a site. */
    static Lesion lesion(String id, Site site) {
        return Lesion.builder(id, site).laterality(Laterality.LEFT).sizeMm(20).response(Response.NEW)
                .safelyTreatable(true).build();
    }

    /**
     * Leiomyosarcoma diagnosed 2019-03-12, one new lung nodule on 2023-05-02, no prior metastatic history, no
     * systemic therapy: a metachronous oligorecurrence.
     */
    static PatientCase.Builder metachronousLungRecurrence() {
        return PatientCase.builder("fixture").histology("8890/3")
                .primaryDiagnosisDate(date("2019-03-12")).omdDiagnosisDate(date("2023-05-02"))
                .history(false, false).systemicTherapy(SystemicTherapy.NONE).ecog(0)
                .lesions(lungNodule("L1", Response.NEW));
    }

    /** A second episode of OMD (prior OMD treated), on ongoing chemotherapy, with the given lesions. */
    static PatientCase.Builder repeatOmdOnChemotherapy(Lesion... lesions) {
        return metachronousLungRecurrence().history(false, true)
                .systemicTherapy(SystemicTherapy.ongoing(TherapyKind.CHEMOTHERAPY)).lesions(lesions);
    }

    /** OMD after prior polymetastatic disease, on ongoing targeted therapy, with the given lesions. */
    static PatientCase.Builder inducedOmdOnTargetedTherapy(Lesion... lesions) {
        return metachronousLungRecurrence().histology("8936/3").history(new History(true, false))
                .systemicTherapy(SystemicTherapy.ongoing(TherapyKind.TARGETED)).lesions(lesions);
    }

    /** De-novo OMD with the primary diagnosed on {@code primary} and the OMD on {@code omd}, no therapy. */
    static PatientCase.Builder deNovo(String primary, String omd) {
        return metachronousLungRecurrence().primaryDiagnosisDate(date(primary)).omdDiagnosisDate(date(omd));
    }
}
