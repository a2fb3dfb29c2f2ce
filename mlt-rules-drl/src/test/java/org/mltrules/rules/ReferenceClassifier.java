package org.mltrules.rules;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.mltrules.Answer;
import org.mltrules.Category;
import org.mltrules.Conventions;
import org.mltrules.Lesion;
import org.mltrules.PatientCase;
import org.mltrules.PreconditionFailure;
import org.mltrules.Response;
import org.mltrules.Site;
import org.mltrules.TherapyKind;
import org.mltrules.TherapyStatus;

/**
 * The OMD preconditions (P1-P3) and the ESTRO/EORTC classification tree (Q1-Q5) with conventions K1-K11, written
 * in plain Java straight from the clinical rules (docs/clinical-rules.md: preconditions, tree, conventions), independently of the DRL. It is the
 * oracle of the differential property tests and the plain-Java baseline of the benchmarks.
 *
 * <p>Three-valued logic throughout (Kleene): a question is unknown only when its answer depends on an unknown fact;
 * {@code classification.missing} then lists the question's unknown facts that its answer depends on, in the order
 * of the specification's table.
 *
 * <p>Readings of the specification where it leaves room (the same as the README's "Decisions where the
 * specification left a choice"):
 * <ul>
 *   <li>After P2 fails, P3 is still evaluated so that every failing precondition is a reason; its step is recorded
 *       in the path only when it fails too (it then explains the second reason).</li>
 *   <li>K7 ("both history facts are true") is listed only when Q1 was answered, since it states that Q1 comes
 *       first.</li>
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
public final class ReferenceClassifier {
    private final Conventions conventions;

    public ReferenceClassifier(Conventions conventions) {
        this.conventions = Objects.requireNonNull(conventions, "conventions must not be null");
    }

    /**
     * One answered question: {@code P1}..{@code P3}, {@code Q1}..{@code Q5}; with P1's {@code because} (rule set 1.1:
     * it names the regional lymph nodes set aside), {@code null} for the other steps.
     */
    public record Step(String step, Answer answer, String because) {
        Step(String step, Answer answer) {
            this(step, answer, null);
        }
    }

    /** A convention listed because its trigger held: id, name, value (null for behaviour conventions). */
    public record Convention(String id, String name, Object value) { }

    /**
     * The classification of one case.
     *
     * @param category    exactly one category
     * @param path        every question answered, in order; an {@code UNKNOWN} answer ends it
     * @param reasons     every failing precondition, for {@code NOT_OLIGOMETASTATIC}
     * @param missing     the unknown facts of the unanswerable question, for {@code INDETERMINATE}
     * @param conventions the conventions whose trigger held, in id order
     */
    public record Result(Category category, List<Step> path, List<PreconditionFailure> reasons,
                         List<String> missing, List<Convention> conventions) { }

    /** Classifies a case (assumed valid: dates in order, a stopped therapy's last dose not after the OMD date). */
    public Result classify(PatientCase c) {
        return new Run(c).run();
    }

    /** The state of one classification; the tree is a straight sequence of early returns. */
    private final class Run {
        private final PatientCase c;
        private final List<Step> path = new ArrayList<>(8);
        private final List<PreconditionFailure> reasons = new ArrayList<>(2);
        private final Set<String> missing = new LinkedHashSet<>();
        private final List<Lesion> counted = new ArrayList<>();
        private Answer q3;
        private Answer q4;
        private Answer q5;
        private boolean q1Answered;
        private boolean q5OnlyBecauseOfNew;
        private boolean regionalSetAside;

        Run(PatientCase c) {
            this.c = c;
        }

        Result run() {
            Category category = decide();
            return new Result(category, List.copyOf(path), List.copyOf(reasons), List.copyOf(missing),
                    conventions(category));
        }

        private Category decide() {
            // P1: distant metastasis present?
            if (c.lesions() == null) {
                path.add(new Step("P1", Answer.UNKNOWN, "lesions = unknown"));
                missing.add("lesions");
                return Category.INDETERMINATE;
            }
            List<String> setAside = new ArrayList<>();
            for (Lesion l : c.lesions()) {
                if (l.site() != Site.LYMPH_NODE_REGIONAL || conventions.regionalNodesCountAsMetastasis()) {
                    counted.add(l);
                } else {
                    setAside.add(l.id());
                }
            }
            regionalSetAside = !setAside.isEmpty();
            setAside.sort(null);
            String because = "counted lesions = " + counted.size() + (setAside.isEmpty() ? ""
                    : "; regional lesions not counted = " + setAside.size() + " (" + String.join(", ", setAside) + ")");
            if (counted.isEmpty()) {
                path.add(new Step("P1", Answer.NO, because));
                return Category.NO_DISTANT_METASTASIS;
            }
            path.add(new Step("P1", Answer.YES, because));

            // P2: at most maxLesions counted lesions? On failure P3 is still checked for its reason.
            boolean tooMany = counted.size() > conventions.maxLesions();
            path.add(new Step("P2", tooMany ? Answer.NO : Answer.YES));
            if (tooMany) {
                reasons.add(PreconditionFailure.TOO_MANY_LESIONS);
            }

            // P3: every counted lesion safely treatable?
            boolean anyFalse = counted.stream().anyMatch(l -> Boolean.FALSE.equals(l.safelyTreatable()));
            boolean anyUnknown = counted.stream().anyMatch(l -> l.safelyTreatable() == null);
            if (anyFalse) {
                path.add(new Step("P3", Answer.NO));
                reasons.add(PreconditionFailure.UNTREATABLE_SITE);
            }
            if (!reasons.isEmpty()) {
                return Category.NOT_OLIGOMETASTATIC;
            }
            if (anyUnknown) {
                return unknown("P3", "lesions[].safelyTreatable");
            }
            path.add(new Step("P3", Answer.YES));

            // Q1: polymetastatic history? Yes: induced.
            Boolean poly = c.history().polymetastatic();
            if (poly == null) {
                return unknown("Q1", "history.polymetastatic");
            }
            q1Answered = true;
            path.add(new Step("Q1", poly ? Answer.YES : Answer.NO));
            if (poly) {
                return therapyQuestions(Category.INDUCED_OLIGORECURRENCE, Category.INDUCED_OLIGOPROGRESSION,
                        Category.INDUCED_OLIGOPERSISTENCE);
            }

            // Q2: oligometastatic history? Yes: repeat.
            Boolean oligo = c.history().oligometastatic();
            if (oligo == null) {
                return unknown("Q2", "history.oligometastatic");
            }
            path.add(new Step("Q2", oligo ? Answer.YES : Answer.NO));
            if (oligo) {
                return therapyQuestions(Category.REPEAT_OLIGORECURRENCE, Category.REPEAT_OLIGOPROGRESSION,
                        Category.REPEAT_OLIGOPERSISTENCE);
            }

            // Q3: de novo: more than the synchronous window after the primary? (K1, calendar months, clamped)
            LocalDate primary = c.primaryDiagnosisDate();
            LocalDate omd = c.omdDiagnosisDate();
            if (primary == null || omd == null) {
                List<String> unknown = new ArrayList<>(2);
                if (primary == null) {
                    unknown.add("primaryDiagnosisDate");
                }
                if (omd == null) {
                    unknown.add("omdDiagnosisDate");
                }
                return unknown("Q3", unknown.toArray(String[]::new));
            }
            boolean synchronous = !omd.isAfter(primary.plusMonths(conventions.synchronousWindowMonths()));
            q3 = synchronous ? Answer.NO : Answer.YES;
            path.add(new Step("Q3", q3));
            if (synchronous) {
                return Category.SYNCHRONOUS_OMD;
            }
            return therapyQuestions(Category.METACHRONOUS_OLIGORECURRENCE, Category.METACHRONOUS_OLIGOPROGRESSION,
                    null);
        }

        /** Q4, then Q5 for repeat and induced OMD (no metachronous oligopersistence: {@code persistence} null). */
        private Category therapyQuestions(Category recurrence, Category progression, Category persistence) {
            Tri active = activeTherapy();
            if (active.value == null) {
                q4 = Answer.UNKNOWN;
                return unknown("Q4", active.unknownFacts.toArray(String[]::new));
            }
            q4 = active.value ? Answer.YES : Answer.NO;
            path.add(new Step("Q4", q4));
            if (!active.value) {
                return recurrence;
            }
            if (persistence == null) {
                return progression;
            }

            // Q5: any counted lesion progressing (a new lesion too, under K4)? Absent or not assessable: unknown (K5).
            boolean progressing = false;
            boolean newOnly = true;
            boolean unknownResponse = false;
            for (Lesion l : counted) {
                Response r = l.response();
                if (r == Response.PROGRESSING) {
                    progressing = true;
                    newOnly = false;
                } else if (r == Response.NEW && conventions.newLesionCountsAsProgression()) {
                    progressing = true;
                } else if (r == null || r == Response.NOT_ASSESSABLE) {
                    unknownResponse = true;
                }
            }
            if (progressing) {
                q5 = Answer.YES;
                q5OnlyBecauseOfNew = newOnly;
                path.add(new Step("Q5", Answer.YES));
                return progression;
            }
            if (unknownResponse) {
                q5 = Answer.UNKNOWN;
                return unknown("Q5", "lesions[].response");
            }
            q5 = Answer.NO;
            path.add(new Step("Q5", Answer.NO));
            return persistence;
        }

        /**
         * Q4 in three-valued logic: active = (ONGOING, or STOPPED within the K2 window) and, when K3 is off, a kind
         * other than maintenance or endocrine. False when either part is false; unknown otherwise when either part
         * is unknown, naming the unknown facts of the unknown parts.
         */
        private Tri activeTherapy() {
            TherapyStatus status = c.systemicTherapy().status();
            Tri byStatus;
            if (status == null) {
                byStatus = Tri.unknown("systemicTherapy.status");
            } else {
                byStatus = switch (status) {
                    case NONE -> Tri.of(false);
                    case ONGOING -> Tri.of(true);
                    case STOPPED -> {
                        LocalDate lastDose = c.systemicTherapy().lastDoseDate();
                        LocalDate omd = c.omdDiagnosisDate();
                        if (lastDose == null || omd == null) {
                            List<String> unknown = new ArrayList<>(2);
                            if (lastDose == null) {
                                unknown.add("systemicTherapy.lastDoseDate");
                            }
                            if (omd == null) {
                                unknown.add("omdDiagnosisDate");
                            }
                            yield Tri.unknown(unknown.toArray(String[]::new));
                        }
                        yield Tri.of(ChronoUnit.DAYS.between(lastDose, omd) <= conventions.activeTherapyWindowDays());
                    }
                };
            }
            Tri byKind;
            if (conventions.maintenanceCountsAsActive()) {
                byKind = Tri.of(true);
            } else {
                TherapyKind kind = c.systemicTherapy().kind();
                byKind = kind == null ? Tri.unknown("systemicTherapy.kind")
                        : Tri.of(kind != TherapyKind.MAINTENANCE && kind != TherapyKind.ENDOCRINE);
            }
            return Tri.and(byStatus, byKind);
        }

        private Category unknown(String step, String... facts) {
            path.add(new Step(step, Answer.UNKNOWN));
            for (String f : facts) {
                missing.add(f);
            }
            return Category.INDETERMINATE;
        }

        /** The conventions whose trigger held, in the order of the specification's table. */
        private List<Convention> conventions(Category category) {
            List<Convention> out = new ArrayList<>();
            TherapyStatus status = c.systemicTherapy().status();
            TherapyKind kind = c.systemicTherapy().kind();
            boolean q4Answered = q4 == Answer.YES || q4 == Answer.NO;
            if (q3 == Answer.YES || q3 == Answer.NO) {
                out.add(new Convention("K1", "synchronousWindowMonths", conventions.synchronousWindowMonths()));
            }
            if (status == TherapyStatus.STOPPED && q4Answered) {
                out.add(new Convention("K2", "activeTherapyWindowDays", conventions.activeTherapyWindowDays()));
            }
            if (q4 == Answer.YES && (kind == TherapyKind.MAINTENANCE || kind == TherapyKind.ENDOCRINE)) {
                out.add(new Convention("K3", "maintenanceCountsAsActive", conventions.maintenanceCountsAsActive()));
            }
            if (q5 == Answer.YES && q5OnlyBecauseOfNew) {
                out.add(new Convention("K4", "newLesionCountsAsProgression",
                        conventions.newLesionCountsAsProgression()));
            }
            if (q5 == Answer.UNKNOWN) {
                out.add(new Convention("K5", null, null));
            }
            if (category == Category.SYNCHRONOUS_OMD
                    && (status == TherapyStatus.ONGOING || status == TherapyStatus.STOPPED)) {
                out.add(new Convention("K6", null, null));
            }
            if (q1Answered && Boolean.TRUE.equals(c.history().polymetastatic())
                    && Boolean.TRUE.equals(c.history().oligometastatic())) {
                out.add(new Convention("K7", null, null));
            }
            // K8 and K9 are documentation only: never listed.
            if (missing.contains("history.polymetastatic") || missing.contains("history.oligometastatic")) {
                out.add(new Convention("K10", null, null));
            }
            // Rule set 1.1: a regional node was present and set aside.
            if (regionalSetAside) {
                out.add(new Convention("K11", "regionalNodesCountAsMetastasis",
                        conventions.regionalNodesCountAsMetastasis()));
            }
            return out;
        }
    }

    /** A three-valued answer; {@code value == null} is unknown, with the unknown facts it depends on. */
    private record Tri(Boolean value, List<String> unknownFacts) {
        static Tri of(boolean value) {
            return new Tri(value, List.of());
        }

        static Tri unknown(String... facts) {
            return new Tri(null, List.of(facts));
        }

        /** Kleene conjunction: false wins over unknown; unknown facts of unknown parts, in argument order. */
        static Tri and(Tri a, Tri b) {
            if (Boolean.FALSE.equals(a.value) || Boolean.FALSE.equals(b.value)) {
                return of(false);
            }
            if (a.value != null && b.value != null) {
                return of(true);
            }
            List<String> facts = new ArrayList<>(a.unknownFacts);
            facts.addAll(b.unknownFacts);
            return new Tri(null, facts);
        }
    }
}
