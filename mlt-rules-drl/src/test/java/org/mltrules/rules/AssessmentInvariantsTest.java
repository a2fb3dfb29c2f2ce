package org.mltrules.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.mltrules.Answer;
import org.mltrules.Assessment;
import org.mltrules.Category;
import org.mltrules.Classification;
import org.mltrules.Conventions;
import org.mltrules.Exclusion;
import org.mltrules.Lesion;
import org.mltrules.LesionAssessment;
import org.mltrules.PathStep;
import org.mltrules.PatientCase;
import org.mltrules.RankedOption;
import org.mltrules.Reason;
import org.mltrules.Response;
import org.mltrules.Site;
import org.mltrules.Technique;

/** Properties every assessment has, whatever the case and the conventions (issue 7). */
class AssessmentInvariantsTest {

    @Provide
    Arbitrary<PatientCase> cases() {
        return CaseArbitraries.cases();
    }

    @Provide
    Arbitrary<PatientCase> fullyKnown() {
        return CaseArbitraries.fullyKnownCases();
    }

    @Provide
    Arbitrary<Conventions> conventions() {
        return Arbitraries.of(Engines.VARIANTS);
    }

    @Property(tries = 1500)
    @Label("exactly one category, explained: missing facts for INDETERMINATE only, reasons for NOT_OLIGOMETASTATIC only")
    void oneExplainedCategory(@ForAll("conventions") Conventions conventions, @ForAll("cases") PatientCase c) {
        // When a valid case is assessed
        Classification k = Engines.with(conventions).assess(c).classification();
        // Then the category is explained by its path, reasons and missing facts
        assertThat(k.category()).isNotNull();
        assertThat(k.path()).isNotEmpty();
        PathStep last = k.path().get(k.path().size() - 1);
        assertThat(k.path().subList(0, k.path().size() - 1)).noneMatch(s -> s.answer() == Answer.UNKNOWN);
        if (k.category() == Category.INDETERMINATE) {
            assertThat(last.answer()).isEqualTo(Answer.UNKNOWN);
            assertThat(k.missing()).isNotEmpty().doesNotHaveDuplicates()
                    .allSatisfy(fact -> assertThat(isUnknown(fact, c, conventions)).as("%s is unknown", fact).isTrue());
        } else {
            assertThat(last.answer()).isNotEqualTo(Answer.UNKNOWN);
            assertThat(k.missing()).isEmpty();
        }
        assertThat(k.reasons().isEmpty()).isEqualTo(k.category() != Category.NOT_OLIGOMETASTATIC);
    }

    @Property(tries = 1000)
    @Label("a case whose every fact is known is never INDETERMINATE")
    void neverIndeterminateWhenEverythingIsKnown(@ForAll("conventions") Conventions conventions,
                                                 @ForAll("fullyKnown") PatientCase c) {
        assertThat(Engines.with(conventions).assess(c).category()).isNotEqualTo(Category.INDETERMINATE);
    }

    @Property(tries = 1500)
    @Label("every technique once per lesion, competition ranks (equal options share one), scores the sum of their"
            + " reasons' effects, open exclusions among the missing facts")
    void wellFormedRanking(@ForAll("conventions") Conventions conventions, @ForAll("cases") PatientCase c) {
        Assessment a = Engines.with(conventions).assess(c);
        List<Lesion> input = c.lesions() == null ? List.of() : c.lesions();
        assertThat(a.lesions()).extracting(LesionAssessment::lesionId)
                .containsExactlyElementsOf(input.stream().map(Lesion::id).toList());
        for (LesionAssessment l : a.lesions()) {
            List<Technique> seen = new ArrayList<>();
            l.options().forEach(o -> seen.add(o.technique()));
            l.excluded().forEach(e -> seen.add(e.technique()));
            assertThat(seen).as("techniques of %s", l.lesionId()).containsExactlyInAnyOrder(Technique.values());
            for (int i = 0; i < l.options().size(); i++) {
                RankedOption o = l.options().get(i);
                if (i == 0) {
                    assertThat(o.rank()).isEqualTo(1);
                } else {
                    // The same rank as the option before (a tie), or its position (1, 2, 2, 4).
                    assertThat(o.rank()).isIn(l.options().get(i - 1).rank(), i + 1);
                }
                o.openExclusions().forEach(u -> assertThat(l.missing()).containsAll(u.missing()));
                assertThat(o.score()).as("score of %s", o.technique())
                        .isEqualTo(o.reasons().stream().mapToInt(r -> r.effect() == null ? 0 : r.effect()).sum());
                if (i > 0) {
                    assertThat(o.score()).isLessThanOrEqualTo(l.options().get(i - 1).score());
                }
            }
            assertThat(l.excluded()).allSatisfy(e -> assertThat(e.reasons()).isNotEmpty());
            assertThat(l.excluded()).extracting(Exclusion::technique).isSorted();
        }
        assertThat(a.firedRules()).doesNotHaveDuplicates().isEqualTo(new ArrayList<>(new TreeSet<>(a.firedRules())));
        assertThat(a.candidacy().treatsAllLesions()).isSorted().doesNotHaveDuplicates();
        assertThat(a.disclaimer()).isEqualTo(Assessment.DISCLAIMER);
    }

    @Property(tries = 600)
    @Label("the assessment does not depend on the order of the lesions in the input")
    void lesionOrderDoesNotMatter(@ForAll("conventions") Conventions conventions, @ForAll("cases") PatientCase c,
                                  @ForAll long seed) {
        // Given the same case with its lesions shuffled
        List<Lesion> shuffled = c.lesions() == null ? null : new ArrayList<>(c.lesions());
        if (shuffled != null) {
            Collections.shuffle(shuffled, new Random(seed));
        }
        PatientCase reordered = c.toBuilder().lesions(shuffled).build();
        // When both are assessed
        Assessment a = Engines.with(conventions).assess(c);
        Assessment b = Engines.with(conventions).assess(reordered);
        // Then they agree, lesion by lesion id
        assertThat(orderFree(b)).isEqualTo(orderFree(a));
    }

    @Property(tries = 300)
    @Label("the same case twice gives the same assessment")
    void deterministic(@ForAll("conventions") Conventions conventions, @ForAll("cases") PatientCase c) {
        assertThat(Engines.with(conventions).assess(c)).isEqualTo(Engines.with(conventions).assess(c));
    }

    /**
     * What must not depend on the input order: everything but the {@code because} texts (which name lesions by
     * input index) and the order of lesions and of candidacy reasons (which follow the input order).
     */
    private static List<Object> orderFree(Assessment a) {
        Classification k = a.classification();
        Map<String, LesionAssessment> byId = new LinkedHashMap<>();
        a.lesions().stream().sorted((x, y) -> x.lesionId().compareTo(y.lesionId()))
                .forEach(l -> byId.put(l.lesionId(), l));
        Set<String> candidacyReasons = new TreeSet<>();
        for (Reason r : a.candidacy().reasons()) {
            candidacyReasons.add(r.toString());
        }
        return List.of(ClassificationMatchesReferenceTest.engine(k), byId, a.candidacy().level(),
                a.candidacy().flags(), candidacyReasons, a.candidacy().missing(), a.candidacy().treatsAllLesions(),
                a.firedRules());
    }

    /** Whether a fact named in {@code classification.missing} is indeed unknown in the case. */
    private static boolean isUnknown(String fact, PatientCase c, Conventions conventions) {
        List<Lesion> counted = c.lesions() == null ? List.of() : c.lesions().stream()
                .filter(l -> l.site() != Site.LYMPH_NODE_REGIONAL || conventions.regionalNodesCountAsMetastasis())
                .toList();
        Predicate<Predicate<Lesion>> anyCounted = p -> counted.stream().anyMatch(p);
        return switch (fact) {
            case "lesions" -> c.lesions() == null;
            case "lesions[].safelyTreatable" -> anyCounted.test(l -> l.safelyTreatable() == null);
            case "lesions[].response" -> anyCounted.test(l -> l.response() == null
                    || l.response() == Response.NOT_ASSESSABLE);
            case "history.polymetastatic" -> c.history().polymetastatic() == null;
            case "history.oligometastatic" -> c.history().oligometastatic() == null;
            case "primaryDiagnosisDate" -> c.primaryDiagnosisDate() == null;
            case "omdDiagnosisDate" -> c.omdDiagnosisDate() == null;
            case "systemicTherapy.status" -> c.systemicTherapy().status() == null;
            case "systemicTherapy.lastDoseDate" -> c.systemicTherapy().lastDoseDate() == null;
            case "systemicTherapy.kind" -> c.systemicTherapy().kind() == null;
            default -> throw new AssertionError("unexpected missing fact " + fact);
        };
    }

    @Property(tries = 10)
    @Label("the generator reaches every category")
    void generatorReachesEveryCategory(@ForAll long seed) {
        // Guards the other properties against a generator that silently stops reaching parts of the tree.
        Set<Category> seen = EnumSet.noneOf(Category.class);
        ReferenceClassifier reference = new ReferenceClassifier(Conventions.DEFAULTS);
        CaseArbitraries.generator(seed).build().stream(3000)
                .forEach(c -> seen.add(reference.classify(c).category()));
        assertThat(seen).containsExactlyInAnyOrder(Category.values());
    }
}
