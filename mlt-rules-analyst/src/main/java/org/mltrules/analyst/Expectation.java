package org.mltrules.analyst;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.mltrules.Answer;
import org.mltrules.Assessment;
import org.mltrules.CandidacyLevel;
import org.mltrules.Category;
import org.mltrules.ConventionApplied;
import org.mltrules.Exclusion;
import org.mltrules.Flag;
import org.mltrules.LesionAssessment;
import org.mltrules.PathStep;
import org.mltrules.Step;
import org.mltrules.PreconditionFailure;
import org.mltrules.RankedOption;
import org.mltrules.Reason;
import org.mltrules.Technique;
import org.mltrules.UndecidedRule;

/**
 * The expected outcome of a scenario, as the analyst wrote it under {@code "expect"}; only what is written is
 * checked. Immutable.
 */
record Expectation(Category category, Set<String> missing, Set<PreconditionFailure> preconditionFailures,
                   Map<Step, String> answers, Map<Step, String> because, Set<String> conventions,
                   CandidacyLevel candidacy, Set<String> candidacyMissing,
                   Map<Flag, Boolean> flags, List<String> fired, List<String> notFired,
                   Map<String, LesionExpectation> lesions) {

    /** Value of {@link #answers()} for a question the path never asked. */
    static final String NOT_ASKED = "NOT_ASKED";

    /** A technique that must be excluded, by a given rule id when {@code rule} is not null. */
    record Excluded(Technique technique, String rule) {
    }

    /** What is expected of one lesion. */
    record LesionExpectation(List<Excluded> excluded, List<Technique> notExcluded, Technique first,
                             List<List<Technique>> above, Set<String> missing, Map<Technique, Integer> score,
                             Map<Technique, List<String>> reasons, Map<Technique, Integer> rank,
                             Map<Technique, List<String>> openExclusions) {
    }

    /**
     * Compares an assessment with this expectation.
     *
     * @param firedNames the names of the rules that fired (undecided ones included)
     * @return every difference, empty when the assessment meets the expectation
     */
    List<ScenarioResult.Mismatch> check(Assessment a, Set<String> firedNames) {
        List<ScenarioResult.Mismatch> out = new ArrayList<>();
        if (category != null && a.category() != category) {
            out.add(mismatch("category", category, a.category()));
        }
        if (missing != null && !missing.equals(new LinkedHashSet<>(a.classification().missing()))) {
            out.add(mismatch("classification missing", sorted(missing), sorted(a.classification().missing())));
        }
        if (preconditionFailures != null
                && !preconditionFailures.equals(new LinkedHashSet<>(a.classification().reasons()))) {
            out.add(mismatch("precondition failures", sorted(preconditionFailures),
                    sorted(a.classification().reasons())));
        }
        answers.forEach((step, expected) -> {
            String actual = a.classification().path().stream().filter(s -> s.step() == step)
                    .map(PathStep::answer).map(Answer::name).findFirst().orElse(NOT_ASKED);
            if (!actual.equals(expected)) {
                out.add(mismatch("answer to " + step, expected, actual));
            }
        });
        because.forEach((step, expected) -> {
            String actual = a.classification().path().stream().filter(s -> s.step() == step)
                    .map(PathStep::because).findFirst().orElse(NOT_ASKED);
            if (!actual.equals(expected)) {
                out.add(mismatch("because of " + step, expected, actual));
            }
        });
        if (conventions != null) {
            Set<String> actual = a.classification().conventions().stream().map(ConventionApplied::id)
                    .collect(Collectors.toCollection(LinkedHashSet::new));
            if (!conventions.equals(actual)) {
                out.add(mismatch("conventions", sorted(conventions), sorted(actual)));
            }
        }
        if (candidacy != null && a.candidacy().level() != candidacy) {
            out.add(mismatch("candidacy", candidacy, a.candidacy().level()));
        }
        if (candidacyMissing != null && !candidacyMissing.equals(new LinkedHashSet<>(a.candidacy().missing()))) {
            out.add(mismatch("candidacy missing", sorted(candidacyMissing), sorted(a.candidacy().missing())));
        }
        flags.forEach((flag, present) -> {
            boolean actual = a.candidacy().flags().contains(flag);
            if (actual != present) {
                out.add(mismatch("flag " + flag, present ? "raised" : "not raised", actual ? "raised" : "not raised"));
            }
        });
        for (String rule : fired) {
            if (!a.firedRules().contains(rule) && !firedNames.contains(rule)) {
                out.add(mismatch("rule " + rule, "fired", "not fired (fired: " + a.firedRules() + ")"));
            }
        }
        for (String rule : notFired) {
            if (a.firedRules().contains(rule) || firedNames.contains(rule)) {
                out.add(mismatch("rule " + rule, "not fired", "fired"));
            }
        }
        lesions.forEach((id, expected) -> {
            Optional<LesionAssessment> lesion = a.lesions().stream().filter(l -> l.lesionId().equals(id)).findFirst();
            if (lesion.isEmpty()) {
                out.add(mismatch("lesion " + id, "in the assessment",
                        "no such lesion (lesions: " + a.lesions().stream().map(LesionAssessment::lesionId).toList() + ")"));
            } else {
                checkLesion(id, expected, lesion.get(), out);
            }
        });
        return out;
    }

    private static void checkLesion(String id, LesionExpectation e, LesionAssessment l,
                                     List<ScenarioResult.Mismatch> out) {
        String where = "lesion " + id + ": ";
        for (Excluded x : e.excluded()) {
            Optional<Exclusion> ex = l.excluded().stream().filter(z -> z.technique() == x.technique()).findFirst();
            if (ex.isEmpty()) {
                out.add(mismatch(where + x.technique(), "excluded" + (x.rule() == null ? "" : " by " + x.rule()),
                        describe(l, x.technique())));
            } else if (x.rule() != null && ex.get().reasons().stream().noneMatch(r -> x.rule().equals(r.rule()))) {
                out.add(mismatch(where + x.technique(), "excluded by " + x.rule(), describe(l, x.technique())));
            }
        }
        for (Technique t : e.notExcluded()) {
            if (option(l, t).isEmpty()) {
                out.add(mismatch(where + t, "not excluded", describe(l, t)));
            }
        }
        if (e.first() != null) {
            // Ranked 1, alone or sharing the rank: a tie is not a preference.
            Optional<RankedOption> o = option(l, e.first());
            if (o.isEmpty() || o.get().rank() != 1) {
                String actual = l.options().isEmpty() ? "every technique excluded"
                        : l.options().stream().filter(x -> x.rank() == 1).map(x -> x.technique().name())
                                .collect(Collectors.joining(" = "));
                out.add(mismatch(where + "first", e.first(), actual + " (ranking: " + ranking(l) + ")"));
            }
        }
        for (List<Technique> pair : e.above()) {
            Optional<RankedOption> hi = option(l, pair.get(0));
            Optional<RankedOption> lo = option(l, pair.get(1));
            if (hi.isEmpty() || lo.isEmpty() || hi.get().rank() >= lo.get().rank()) {
                out.add(mismatch(where + pair.get(0) + " above " + pair.get(1),
                        pair.get(0) + " ranked above " + pair.get(1), "ranking: " + ranking(l)));
            }
        }
        if (e.missing() != null && !e.missing().equals(new LinkedHashSet<>(l.missing()))) {
            out.add(mismatch(where + "missing", sorted(e.missing()), sorted(l.missing())));
        }
        e.score().forEach((t, score) -> {
            Optional<RankedOption> o = option(l, t);
            if (o.isEmpty() || o.get().score() != score) {
                out.add(mismatch(where + t + " score", score, describe(l, t)));
            }
        });
        e.rank().forEach((t, rank) -> {
            Optional<RankedOption> o = option(l, t);
            if (o.isEmpty() || o.get().rank() != rank) {
                out.add(mismatch(where + t + " rank", rank, describe(l, t) + " (ranking: " + ranking(l) + ")"));
            }
        });
        e.openExclusions().forEach((t, rules) -> {
            Optional<RankedOption> o = option(l, t);
            Set<String> actual = o.map(r -> r.openExclusions().stream().map(UndecidedRule::rule)
                    .collect(Collectors.toCollection(TreeSet::new))).orElse(new TreeSet<>());
            if (o.isEmpty() || !actual.equals(new TreeSet<>(rules))) {
                out.add(mismatch(where + t + " open exclusions", sorted(rules),
                        o.isEmpty() ? describe(l, t) : sorted(actual)));
            }
        });
        e.reasons().forEach((t, rules) -> {
            Optional<RankedOption> o = option(l, t);
            Set<String> actual = o.map(r -> r.reasons().stream().map(Reason::rule)
                    .collect(Collectors.toCollection(TreeSet::new))).orElse(new TreeSet<>());
            if (o.isEmpty() || !actual.containsAll(rules)) {
                out.add(mismatch(where + t + " reasons", "including " + rules, describe(l, t)));
            }
        });
    }

    private static Optional<RankedOption> option(LesionAssessment l, Technique t) {
        return l.options().stream().filter(o -> o.technique() == t).findFirst();
    }

    /** How the assessment treats a technique, for a failure message. */
    private static String describe(LesionAssessment l, Technique t) {
        Optional<RankedOption> o = option(l, t);
        if (o.isPresent()) {
            return t + " ranked " + o.get().rank() + " with score " + o.get().score() + " (reasons "
                    + o.get().reasons().stream().map(Reason::rule).toList() + ")";
        }
        return l.excluded().stream().filter(x -> x.technique() == t).findFirst()
                .map(x -> t + " excluded by " + x.reasons().stream().map(Reason::rule).toList())
                .orElse(t + " absent");
    }

    private static String ranking(LesionAssessment l) {
        return l.options().stream().map(o -> o.rank() + "." + o.technique() + "(" + o.score()
                        + (o.provisional() ? ", provisional" : "") + ")")
                .collect(Collectors.joining(" "));
    }

    private static String sorted(Collection<?> c) {
        return c.stream().map(String::valueOf).sorted().toList().toString();
    }

    private static ScenarioResult.Mismatch mismatch(String what, Object expected, Object actual) {
        return new ScenarioResult.Mismatch(what, String.valueOf(expected), String.valueOf(actual));
    }

    /** An expectation that checks nothing (for scenarios whose {@code expect} could not be read). */
    static Expectation empty() {
        return new Expectation(null, null, null, Map.of(), Map.of(), null, null, null, Map.of(), List.of(), List.of(),
                new LinkedHashMap<>());
    }
}
