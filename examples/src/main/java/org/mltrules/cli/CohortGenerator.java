package org.mltrules.cli;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.mltrules.Feature;
import org.mltrules.Histology;
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
 * A synthetic cohort of plausible, valid sarcoma cases, for demonstrations, tests and benchmarks. Deterministic:
 * the same seed (and lesion count) gives the same cases, on any machine and Java version
 * ({@link SplittableRandom} is specified exactly).
 *
 * <p>The mix is chosen to exercise the rules rather than to mirror a real registry: every category occurs (de-novo,
 * repeat and induced OMD, on and off therapy, persistent and progressing lesions, too many lesions, untreatable
 * sites, regional nodes only, unknown facts), histologies are given as ICD-O-3 codes (both revisions), as names
 * and as unrecognised codes, and dates and values sit on the conventions' boundaries (6 months to the day, month
 * ends, 30 and 31 days since the last dose, 5 and 6 lesions, 10/30/35/50 mm) more often than chance would put them.
 */
final class CohortGenerator {
    /** Well-formed malignant ICD-O-3 codes outside the histology table: assessed as OTHER_SARCOMA with a flag. */
    private static final String[] UNRECOGNISED_CODES = {"8990/3", "9150/3", "8840/3", "8710/3", "8963/3"};
    private static final Histology[] HISTOLOGIES = Histology.values();
    private static final LocalDate FIRST_PRIMARY = LocalDate.of(2008, 1, 1);
    private static final int PRIMARY_SPAN_DAYS = 16 * 365;

    private final SplittableRandom random;
    private final long seed;
    private final Integer fixedLesions;
    private long count;

    /**
     * @param seed         the cohort's seed
     * @param fixedLesions every case gets exactly this many lesions (for benchmarks), or {@code null} for a mix
     */
    CohortGenerator(long seed, Integer fixedLesions) {
        if (fixedLesions != null && (fixedLesions < 0 || fixedLesions > 100)) {
            throw new IllegalArgumentException("lesion count must be from 0 to 100");
        }
        this.random = new SplittableRandom(seed);
        this.seed = seed;
        this.fixedLesions = fixedLesions;
    }

    /** The next case of the cohort; ids are {@code syn-<seed>-<n>} with n from 1. */
    PatientCase next() {
        count++;
        PatientCase.Builder b = PatientCase.builder("syn-" + seed + "-" + count);
        b.histology(histology());

        LocalDate primary = primaryDate();
        LocalDate omd = omdDate(primary);
        b.primaryDiagnosisDate(chance(4) ? null : primary);
        b.omdDiagnosisDate(chance(3) ? null : omd);
        b.history(history());
        b.systemicTherapy(therapy(omd));

        b.ecog(pick(new int[] {35, 35, 15, 7, 3, 5}, new Integer[] {0, 1, 2, 3, 4, null}));
        b.medicallyOperable(bool(80, 15));
        b.declinesSurgery(bool(7, 88));
        b.pulmonaryReserveAdequate(bool(80, 12));
        b.parenchymaSparingNeeded(bool(15, 75));
        b.plateletsPerNanolitre(platelets());
        b.inr(inr());
        b.tumourDoublingTimeDays(doublingTime());
        b.lifeExpectancyMonths(lifeExpectancy());
        b.priorLungResections(pick(new int[] {70, 15, 5, 10}, new Integer[] {0, 1, 2, null}));
        b.lesions(lesions());
        return b.build();
    }

    private String histology() {
        int r = random.nextInt(100);
        if (r < 5) {
            return null;
        }
        if (r < 10) {
            return UNRECOGNISED_CODES[random.nextInt(UNRECOGNISED_CODES.length)];
        }
        Histology h = HISTOLOGIES[random.nextInt(HISTOLOGIES.length)];
        if (r < 40 || h.codes().isEmpty()) {
            return h.name();
        }
        return h.codes().get(random.nextInt(h.codes().size()));
    }

    private LocalDate primaryDate() {
        if (chance(10)) {
            // month ends, including 29 February: the calendar-month conventions clamp here
            YearMonth m = YearMonth.from(FIRST_PRIMARY.plusMonths(random.nextInt(16 * 12)));
            return m.atEndOfMonth();
        }
        return FIRST_PRIMARY.plusDays(random.nextInt(PRIMARY_SPAN_DAYS));
    }

    private LocalDate omdDate(LocalDate primary) {
        LocalDate window = primary.plusMonths(6);
        int r = random.nextInt(100);
        if (r < 4) {
            return window;                       // synchronous, on the last day of the window (K1)
        }
        if (r < 8) {
            return window.plusDays(1);           // metachronous, by one day
        }
        if (r < 35) {
            return primary.plusDays(random.nextInt((int) (window.toEpochDay() - primary.toEpochDay()) + 1));
        }
        return window.plusDays(1 + random.nextInt(9 * 365));
    }

    private History history() {
        Boolean poly = bool(12, 83);
        Boolean oligo = bool(30, 65);
        return new History(poly, oligo);
    }

    private SystemicTherapy therapy(LocalDate omd) {
        int r = random.nextInt(100);
        TherapyKind kind = kind();
        if (r < 45) {
            return SystemicTherapy.NONE;
        }
        if (r < 75) {
            return SystemicTherapy.ongoing(kind);
        }
        if (r < 95) {
            LocalDate lastDose;
            int d = random.nextInt(100);
            if (d < 5) {
                lastDose = null;
            } else if (d < 15) {
                lastDose = omd.minusDays(30);     // still active (K2)
            } else if (d < 25) {
                lastDose = omd.minusDays(31);     // no longer active
            } else {
                lastDose = omd.minusDays(random.nextInt(181));
            }
            return SystemicTherapy.stopped(lastDose, kind);
        }
        return chance(50) ? SystemicTherapy.UNKNOWN : new SystemicTherapy(null, null, kind);
    }

    private TherapyKind kind() {
        return pick(new int[] {50, 25, 8, 5, 7, 5}, new TherapyKind[] {TherapyKind.CHEMOTHERAPY,
            TherapyKind.TARGETED, TherapyKind.IMMUNOTHERAPY, TherapyKind.ENDOCRINE, TherapyKind.MAINTENANCE, null});
    }

    private Double platelets() {
        int r = random.nextInt(100);
        if (r < 5) {
            return null;
        }
        if (r < 8) {
            return 50.0;                         // the exclusion threshold itself (H5: <= 50)
        }
        if (r < 15) {
            return (double) (15 + random.nextInt(36));
        }
        return (double) (150 + random.nextInt(251));
    }

    private Double inr() {
        int r = random.nextInt(100);
        if (r < 5) {
            return null;
        }
        if (r < 8) {
            return 1.5;                          // the exclusion threshold itself (H5: >= 1.5)
        }
        if (r < 15) {
            return (150 + random.nextInt(101)) / 100.0;
        }
        return (90 + random.nextInt(40)) / 100.0;
    }

    private Double doublingTime() {
        int r = random.nextInt(100);
        if (r < 20) {
            return null;
        }
        if (r < 24) {
            return 40.0;
        }
        if (r < 38) {
            return (double) (10 + random.nextInt(30));
        }
        return (double) (41 + random.nextInt(260));
    }

    private Double lifeExpectancy() {
        int r = random.nextInt(100);
        if (r < 10) {
            return null;
        }
        if (r < 13) {
            return 3.0;
        }
        return (double) (1 + random.nextInt(120));
    }

    private List<Lesion> lesions() {
        int n;
        if (fixedLesions != null) {
            n = fixedLesions;
        } else {
            int r = random.nextInt(100);
            if (r < 2) {
                return null;                     // lesions unknown: INDETERMINATE at P1
            }
            n = pick(new int[] {4, 28, 20, 14, 9, 9, 8, 4, 2},
                    new Integer[] {0, 1, 2, 3, 4, 5, 6, 7, 9});
        }
        // a case-wide profile, so that the rarer Q5 answers (every lesion stable) occur often enough
        int profile = random.nextInt(100);
        boolean lungOnly = chance(45);
        boolean regionalOnly = fixedLesions == null && chance(3);
        List<Lesion> out = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            Site site = regionalOnly ? Site.LYMPH_NODE_REGIONAL : lungOnly ? Site.LUNG : site();
            out.add(lesion("L" + i, site, profile));
        }
        return out;
    }

    private Site site() {
        return pick(new int[] {45, 5, 12, 8, 7, 3, 7, 3, 4, 3, 3}, new Site[] {Site.LUNG, Site.PLEURA, Site.LIVER,
            Site.BONE_SPINE, Site.BONE_OTHER, Site.BRAIN, Site.SOFT_TISSUE, Site.ADRENAL, Site.LYMPH_NODE_REGIONAL,
            Site.LYMPH_NODE_DISTANT, Site.OTHER});
    }

    private Lesion lesion(String id, Site site, int profile) {
        Lesion.Builder l = Lesion.builder(id, site);
        l.laterality(laterality(site));
        l.sizeMm(size());
        l.response(response(profile));
        l.safelyTreatable(bool(91, 5));
        l.resectableR0(bool(65, 25));
        l.sabrConstraintsAchievable(bool(85, 7));
        l.previouslyIrradiated(bool(8, 85));
        l.features(chance(10) ? null : features(site));
        return l.build();
    }

    private Laterality laterality(Site site) {
        if (chance(5)) {
            return null;
        }
        if (site == Site.BONE_SPINE || site == Site.OTHER) {
            return Laterality.MIDLINE;
        }
        return random.nextBoolean() ? Laterality.LEFT : Laterality.RIGHT;
    }

    private Double size() {
        int r = random.nextInt(100);
        if (r < 5) {
            return null;
        }
        if (r < 15) {
            int[] boundaries = {10, 30, 35, 50};
            return (double) boundaries[random.nextInt(boundaries.length)];
        }
        if (r < 20) {
            return (double) (51 + random.nextInt(40));
        }
        if (r < 25) {
            return (3 + random.nextInt(70)) + random.nextInt(10) / 10.0;
        }
        return (double) (4 + random.nextInt(36));
    }

    private Response response(int profile) {
        if (profile < 30) {                      // persistent disease: nothing new or growing
            return chance(65) ? Response.STABLE : Response.RESPONDING;
        }
        if (profile < 40) {
            return pick(new int[] {40, 20, 20, 20}, new Response[] {Response.STABLE, Response.RESPONDING,
                Response.NOT_ASSESSABLE, null});
        }
        return pick(new int[] {40, 30, 20, 10}, new Response[] {Response.NEW, Response.PROGRESSING,
            Response.STABLE, Response.RESPONDING});
    }

    private Set<Feature> features(Site site) {
        Set<Feature> f = EnumSet.noneOf(Feature.class);
        switch (site) {
            case LUNG -> {
                int position = random.nextInt(100);
                if (position < 12) {
                    f.add(Feature.CENTRAL);
                } else if (position < 17) {
                    f.add(Feature.ULTRACENTRAL);
                } else if (position < 45) {
                    f.add(Feature.SUBPLEURAL);
                } else if (position < 60) {
                    f.add(Feature.DEEP);
                }
                maybe(f, Feature.CHEST_WALL, 6);
                maybe(f, Feature.MEDIASTINAL, 5);
                maybe(f, Feature.ADJACENT_VESSEL_3MM, 15);
                maybe(f, Feature.CRITICAL_STRUCTURE_WITHIN_5MM, 7);
            }
            case PLEURA -> {
                f.add(Feature.SUBPLEURAL);
                maybe(f, Feature.CHEST_WALL, 40);
            }
            case BONE_SPINE -> {
                maybe(f, Feature.SPINE_INSTABILITY, 20);
                maybe(f, Feature.CRITICAL_STRUCTURE_WITHIN_5MM, 30);
            }
            case LIVER, ADRENAL -> {
                maybe(f, Feature.DEEP, 30);
                maybe(f, Feature.ADJACENT_VESSEL_3MM, 25);
                maybe(f, Feature.CRITICAL_STRUCTURE_WITHIN_5MM, 10);
            }
            case BRAIN -> maybe(f, Feature.CRITICAL_STRUCTURE_WITHIN_5MM, 35);
            default -> {
                maybe(f, Feature.DEEP, 20);
                maybe(f, Feature.ADJACENT_VESSEL_3MM, 10);
            }
        }
        return f;
    }

    private void maybe(Set<Feature> features, Feature f, int percent) {
        if (chance(percent)) {
            features.add(f);
        }
    }

    private boolean chance(int percent) {
        return random.nextInt(100) < percent;
    }

    /** TRUE with {@code truePercent}, FALSE with {@code falsePercent}, otherwise unknown. */
    private Boolean bool(int truePercent, int falsePercent) {
        int r = random.nextInt(100);
        return r < truePercent ? Boolean.TRUE : r < truePercent + falsePercent ? Boolean.FALSE : null;
    }

    private <T> T pick(int[] weights, T[] values) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int r = random.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            r -= weights[i];
            if (r < 0) {
                return values[i];
            }
        }
        throw new IllegalStateException("weights must be positive");
    }
}
