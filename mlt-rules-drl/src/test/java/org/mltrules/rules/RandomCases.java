package org.mltrules.rules;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.mltrules.Feature;
import org.mltrules.History;
import org.mltrules.Laterality;
import org.mltrules.Lesion;
import org.mltrules.PatientCase;
import org.mltrules.Response;
import org.mltrules.Site;
import org.mltrules.SystemicTherapy;
import org.mltrules.TherapyKind;
import org.mltrules.TherapyStatus;

/**
 * Valid cases drawn from a seeded generator: every fact may be unknown, numbers fall on the rules' thresholds and
 * just beside them, sites and histologies cover every rule's condition. Deterministic for a given seed.
 */
final class RandomCases {
    private final Random rnd;

    RandomCases(long seed) {
        this.rnd = new Random(seed);
    }

    private static final String[] HISTOLOGIES = {"8890/3", "8852/3", "9180/3", "9364/3", "9260/3", "8910/3",
            "8920/3", "8936/1", "8936/3", "9040/3", "8802/3", "8000/3", "OTHER_SARCOMA", "LEIOMYOSARCOMA", "GIST"};
    private static final Site[] SITES = {Site.LUNG, Site.LUNG, Site.LUNG, Site.LIVER, Site.LIVER, Site.BONE_SPINE,
            Site.BRAIN, Site.BONE_OTHER, Site.LYMPH_NODE_REGIONAL, Site.PLEURA, Site.SOFT_TISSUE};
    private static final double[] SIZES = {5, 10, 10.5, 15, 30, 30.5, 35, 35.5, 50, 50.5, 70};

    private <T> T unknownOr(T value) {
        return rnd.nextInt(6) == 0 ? null : value;
    }

    private Boolean bool() {
        return unknownOr(rnd.nextInt(3) > 0);
    }

    private <T> T pick(T[] values) {
        return values[rnd.nextInt(values.length)];
    }

    PatientCase next(String caseId) {
        LocalDate primary = LocalDate.of(2016, 1, 1).plusDays(rnd.nextInt(2500));
        int[] months = {0, 5, 6, 7, 11, 12, 13, 30, 60};
        LocalDate omd = primary.plusMonths(months[rnd.nextInt(months.length)]).plusDays(rnd.nextInt(2));
        PatientCase.Builder b = PatientCase.builder(caseId)
                .histology(unknownOr(pick(HISTOLOGIES)))
                .primaryDiagnosisDate(unknownOr(primary))
                .omdDiagnosisDate(unknownOr(omd))
                .history(rnd.nextInt(8) == 0 ? History.UNKNOWN : new History(bool(), bool()))
                .systemicTherapy(therapy(omd))
                .ecog(unknownOr(rnd.nextInt(5)))
                .medicallyOperable(bool())
                .declinesSurgery(unknownOr(rnd.nextInt(4) == 0))
                .pulmonaryReserveAdequate(bool())
                .parenchymaSparingNeeded(unknownOr(rnd.nextInt(4) == 0))
                .plateletsPerNanolitre(unknownOr(pick(new Double[] {30.0, 50.0, 50.5, 240.0})))
                .inr(unknownOr(pick(new Double[] {1.0, 1.49, 1.5, 2.0})))
                .tumourDoublingTimeDays(unknownOr(pick(new Double[] {20.0, 39.5, 40.0, 90.0})))
                .lifeExpectancyMonths(unknownOr(pick(new Double[] {2.0, 3.0, 3.5, 24.0})))
                .priorLungResections(unknownOr(rnd.nextInt(3)));
        if (rnd.nextInt(15) == 0) {
            return b.lesions((List<Lesion>) null).build();
        }
        int n = rnd.nextInt(10) == 0 ? 6 : 1 + rnd.nextInt(rnd.nextBoolean() ? 1 : 5);
        List<Lesion> lesions = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            lesions.add(lesion("L" + (i + 1)));
        }
        return b.lesions(lesions).build();
    }

    private SystemicTherapy therapy(LocalDate omd) {
        TherapyKind kind = unknownOr(pick(TherapyKind.values()));
        return switch (rnd.nextInt(5)) {
            case 0 -> SystemicTherapy.UNKNOWN;
            case 1, 2 -> SystemicTherapy.NONE;
            case 3 -> SystemicTherapy.ongoing(kind);
            default -> new SystemicTherapy(TherapyStatus.STOPPED, unknownOr(omd.minusDays(rnd.nextInt(60))), kind);
        };
    }

    private Lesion lesion(String id) {
        Set<Feature> features = null;
        if (rnd.nextInt(5) > 0) {
            features = EnumSet.noneOf(Feature.class);
            for (Feature f : Feature.values()) {
                if (rnd.nextInt(6) == 0) {
                    features.add(f);
                }
            }
        }
        return Lesion.builder(id, pick(SITES))
                .laterality(unknownOr(rnd.nextInt(8) == 0 ? Laterality.MIDLINE
                        : rnd.nextBoolean() ? Laterality.LEFT : Laterality.RIGHT))
                .sizeMm(unknownOr(SIZES[rnd.nextInt(SIZES.length)]))
                .response(unknownOr(pick(Response.values())))
                .safelyTreatable(rnd.nextInt(10) == 0 ? null : rnd.nextInt(12) > 0)
                .resectableR0(bool())
                .sabrConstraintsAchievable(bool())
                .previouslyIrradiated(unknownOr(rnd.nextInt(4) == 0))
                .features(features)
                .build();
    }
}
