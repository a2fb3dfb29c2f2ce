package org.mltrules.cohort;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.mltrules.CaseField;
import org.mltrules.CaseLimits;
import org.mltrules.Conventions;
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
 * The synthetic-case generator: plausible, valid sarcoma cases for demonstrations, tests and benchmarks. Deterministic:
 * the same settings give the same cases, on any machine and Java version ({@link SplittableRandom} is specified
 * exactly); {@code mlt-rules generate} writes its cases.
 *
 * <p>The mix is chosen to exercise the rules rather than to mirror a real registry: every category occurs (de-novo,
 * repeat and induced OMD, on and off therapy, persistent and progressing lesions, too many lesions, untreatable
 * sites, regional nodes only, unknown facts), histologies are given as ICD-O-3 codes (both revisions), as names
 * and as unrecognised codes, and dates and values sit on the conventions' boundaries (the synchronous window to the
 * day, month ends, the active-therapy window and one day beyond it, 5 and 6 lesions, 10/30/35/50 mm) more often
 * than chance would put them. By default the boundaries are those of {@link Conventions#DEFAULTS}; tests that vary
 * the conventions ask for theirs with {@link Builder#boundariesOf(Collection)}.
 *
 * <pre>{@code
 * CaseGenerator cohort = CaseGenerator.builder().seed(7).build();
 * PatientCase first = cohort.next();                       // "syn-7-1"
 * }</pre>
 *
 * <p>Not thread-safe: one generator per thread.
 */
public final class CaseGenerator implements Iterator<PatientCase> {
    /** Well-formed malignant ICD-O-3 codes outside the histology table: assessed as OTHER_SARCOMA with a flag. */
    private static final String[] UNRECOGNISED_CODES = {"8990/3", "9150/3", "8840/3", "8710/3", "8963/3"};
    private static final Histology[] HISTOLOGIES = Histology.values();
    private static final LocalDate FIRST_PRIMARY = LocalDate.of(2008, 1, 1);
    private static final int PRIMARY_SPAN_DAYS = 16 * 365;

    private final SplittableRandom random;
    /**
     * A second stream for the facts added after the cohort's layout was fixed (lastLocalTherapyDate, rule set 1.1),
     * so that every other fact of a seed's cases stays what it was.
     */
    private final SplittableRandom later;
    private final long seed;
    private final Integer fixedLesions;
    private final int[] synchronousWindows;
    private final int[] activeTherapyWindows;
    private final boolean classificationFactsKnown;
    private long count;

    private CaseGenerator(Builder b) {
        this.random = new SplittableRandom(b.seed);
        this.later = new SplittableRandom(b.seed ^ 0x4C4C54L);
        this.seed = b.seed;
        this.fixedLesions = b.lesions;
        this.synchronousWindows = b.boundaries.stream().mapToInt(Conventions::synchronousWindowMonths).distinct()
                .toArray();
        this.activeTherapyWindows = b.boundaries.stream().mapToInt(Conventions::activeTherapyWindowDays).distinct()
                .toArray();
        this.classificationFactsKnown = b.classificationFactsKnown;
    }

    /** A generator with seed 1, a realistic mix of 0-9 lesions and the default conventions' boundaries. */
    public static Builder builder() {
        return new Builder();
    }

    /** Settings of a {@link CaseGenerator}; not thread-safe. */
    public static final class Builder {
        private long seed = 1;
        private Integer lesions;
        private List<Conventions> boundaries = List.of(Conventions.DEFAULTS);
        private boolean classificationFactsKnown;

        private Builder() {
        }

        /** The seed: the same seed (and settings) gives the same cases. Default 1. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Gives every case exactly this many lesions (for benchmarks), 0-{@value CaseLimits#MAX_LESIONS}; by
         * default a realistic mix of 0 to 9, and now and then an unknown lesion list or regional nodes only.
         */
        public Builder lesions(int lesions) {
            if (!CaseField.LESIONS.range().contains(lesions)) {
                throw new IllegalArgumentException("lesion count must be from 0 to " + CaseLimits.MAX_LESIONS
                        + ": " + lesions);
            }
            this.lesions = lesions;
            return this;
        }

        /**
         * Puts dates on the boundaries of these conventions' windows (K1 synchronous window, K2 active-therapy
         * window): each case picks one of them. Default: {@link Conventions#DEFAULTS} only.
         */
        public Builder boundariesOf(Collection<Conventions> conventions) {
            Objects.requireNonNull(conventions, "conventions must not be null");
            if (conventions.isEmpty()) {
                throw new IllegalArgumentException("at least one set of conventions is needed");
            }
            this.boundaries = List.copyOf(conventions);
            return this;
        }

        /**
         * Makes every fact the classification reads known: both dates, the history, the therapy's status, kind and
         * last dose, the lesion list, and each lesion's safe treatability and (assessable) response. Such a case is
         * never INDETERMINATE. Other facts still vary, unknown included.
         */
        public Builder classificationFactsKnown() {
            this.classificationFactsKnown = true;
            return this;
        }

        public CaseGenerator build() {
            return new CaseGenerator(this);
        }
    }

    /**
     * A representative case for benchmarks, every fact known, so that the whole tree and every ranking rule that
     * applies are evaluated: a metachronous leiomyosarcoma on chemotherapy with the first {@code lesions} (1-5) of
     * a right-lung nodule, a left-lung nodule, a liver lesion, a spine lesion and a brain lesion (lungs on both
     * sides), the shapes a sarcoma board sees most. Its id is {@code bench-<lesions>}.
     */
    public static PatientCase representative(int lesions) {
        if (lesions < 1 || lesions > REPRESENTATIVE_LESIONS.size()) {
            throw new IllegalArgumentException("lesions must be 1 to " + REPRESENTATIVE_LESIONS.size() + ": "
                    + lesions);
        }
        return PatientCase.builder("bench-" + lesions).histology("8890/3")
                .primaryDiagnosisDate(LocalDate.of(2019, 3, 12)).omdDiagnosisDate(LocalDate.of(2023, 5, 2))
                .history(false, false).systemicTherapy(SystemicTherapy.ongoing(TherapyKind.CHEMOTHERAPY))
                .ecog(1).medicallyOperable(true).declinesSurgery(false).pulmonaryReserveAdequate(true)
                .parenchymaSparingNeeded(false).plateletsPerNanolitre(240).inr(1.0).tumourDoublingTimeDays(75)
                .lifeExpectancyMonths(24).priorLungResections(0)
                .lesions(new ArrayList<>(REPRESENTATIVE_LESIONS.subList(0, lesions))).build();
    }

    private static final List<Lesion> REPRESENTATIVE_LESIONS = List.of(
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

    /** Always true: the cohort has no end. */
    @Override
    public boolean hasNext() {
        return true;
    }

    /** The next {@code count} cases, generated as the stream is consumed. */
    public Stream<PatientCase> stream(long count) {
        return Stream.generate(this::next).limit(count);
    }

    /** The next case of the cohort; ids are {@code syn-<seed>-<n>} with n from 1. */
    @Override
    public PatientCase next() {
        count++;
        PatientCase.Builder b = PatientCase.builder("syn-" + seed + "-" + count);
        b.histology(histology());

        LocalDate primary = primaryDate();
        LocalDate omd = omdDate(primary);
        b.primaryDiagnosisDate(chance(4) ? known(null, primary) : primary);
        b.omdDiagnosisDate(chance(3) ? known(null, omd) : omd);
        History history = history();
        b.history(history);
        b.systemicTherapy(therapy(omd));

        b.ecog(pick(new int[] {35, 35, 15, 7, 3, 5}, new Integer[] {0, 1, 2, 3, 4, null}));  // ECOG 0-4
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
        PatientCase drawn = b.build();
        return drawn.toBuilder().lastLocalTherapyDate(lastLocalTherapy(history, drawn.primaryDiagnosisDate(),
                drawn.omdDiagnosisDate())).build();
    }

    /**
     * The last local therapy of an earlier metastasis (the start of the disease-free interval of a repeat or induced
     * OMD): mostly given for a repeat or induced OMD, 12 months before the OMD date and one day less more often than
     * chance would; sometimes for an undecided history; rarely for a de-novo OMD (where the rules ignore it). Never
     * after the OMD date nor before the primary diagnosis.
     */
    private LocalDate lastLocalTherapy(History history, LocalDate primary, LocalDate omd) {
        boolean repeat = Boolean.TRUE.equals(history.polymetastatic()) || Boolean.TRUE.equals(history.oligometastatic());
        boolean deNovo = Boolean.FALSE.equals(history.polymetastatic())
                && Boolean.FALSE.equals(history.oligometastatic());
        int r = later.nextInt(100);
        if (repeat ? r >= 75 : deNovo ? r >= 5 : r >= 50) {
            return null;
        }
        LocalDate end = omd != null ? omd : primary != null ? primary.plusYears(3) : LocalDate.of(2022, 1, 1);
        LocalDate start = primary != null ? primary : end.minusYears(4);
        int boundary = later.nextInt(100);
        LocalDate date;
        if (boundary < 10) {
            date = end.minusMonths(12);                  // a disease-free interval of exactly 12 months
        } else if (boundary < 20) {
            date = end.minusMonths(12).plusDays(1);      // one day short of 12 months
        } else {
            long span = end.toEpochDay() - start.toEpochDay();
            date = start.plusDays(span <= 0 ? 0 : later.nextLong(span + 1));
        }
        if (date.isAfter(end)) {
            date = end;
        }
        return date.isBefore(start) ? start : date;
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

    /** A value, or in a generator whose classification facts are all known, the fallback for an unknown one. */
    private <T> T known(T value, T fallback) {
        return value == null && classificationFactsKnown ? fallback : value;
    }

    /** One of the windows asked for; draws only when there are several, so the default cohort never changes. */
    private int oneOf(int[] windows) {
        return windows.length == 1 ? windows[0] : windows[random.nextInt(windows.length)];
    }

    private LocalDate omdDate(LocalDate primary) {
        LocalDate window = primary.plusMonths(oneOf(synchronousWindows));
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
        Boolean poly = known(bool(12, 83), Boolean.FALSE);
        Boolean oligo = known(bool(30, 65), Boolean.TRUE);
        return new History(poly, oligo);
    }

    private SystemicTherapy therapy(LocalDate omd) {
        int r = random.nextInt(100);
        TherapyKind kind = known(kind(), TherapyKind.CHEMOTHERAPY);
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
                lastDose = known(null, omd.minusDays(60));
            } else if (d < 15) {
                lastDose = omd.minusDays(oneOf(activeTherapyWindows));      // still active (K2)
            } else if (d < 25) {
                lastDose = omd.minusDays(oneOf(activeTherapyWindows) + 1);  // no longer active
            } else {
                lastDose = omd.minusDays(random.nextInt(181));
            }
            return SystemicTherapy.stopped(lastDose, kind);
        }
        SystemicTherapy unknownStatus = chance(50) ? SystemicTherapy.UNKNOWN : new SystemicTherapy(null, null, kind);
        return classificationFactsKnown ? SystemicTherapy.NONE : unknownStatus;
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
            if (r < 2 && !classificationFactsKnown) {
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
        Response response = response(profile);
        l.response(classificationFactsKnown && (response == null || response == Response.NOT_ASSESSABLE)
                ? Response.STABLE : response);
        l.safelyTreatable(known(bool(91, 5), Boolean.TRUE));
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
