package org.mltrules.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.mltrules.Assessment;
import org.mltrules.Classification;
import org.mltrules.ConventionApplied;
import org.mltrules.Conventions;
import org.mltrules.PathStep;
import org.mltrules.PatientCase;

/**
 * Differential test: the DRL classification (bundled rules) against {@link ReferenceClassifier}, written
 * independently from docs/clinical-rules.md. Any disagreement is reported with the shrunk case, the conventions
 * and both results.
 */
class ClassificationMatchesReferenceTest {

    /** Category, path (step and answer), reasons, missing facts and conventions, in a comparable form. */
    record Comparable(String category, List<String> path, List<String> reasons, List<String> missing,
                      List<String> conventions) { }

    @Property(tries = 4000)
    @Label("with the default conventions, the engine classifies every case as the specification does")
    void defaultConventions(@ForAll("cases") PatientCase c) {
        assertSameAsReference(Conventions.DEFAULTS, c);
    }

    @Property(tries = 3000)
    @Label("with other conventions, the engine classifies every case as the specification does")
    void otherConventions(@ForAll("conventions") Conventions conventions, @ForAll("cases") PatientCase c) {
        assertSameAsReference(conventions, c);
    }

    @Provide
    Arbitrary<PatientCase> cases() {
        return CaseArbitraries.cases();
    }

    @Provide
    Arbitrary<Conventions> conventions() {
        return Arbitraries.of(Engines.VARIANTS.subList(1, Engines.VARIANTS.size()));
    }

    private static void assertSameAsReference(Conventions conventions, PatientCase c) {
        // Given a valid case
        assertThat(c.problems()).isEmpty();
        // When the engine and the reference classify it
        Assessment assessment = Engines.with(conventions).assess(c);
        ReferenceClassifier.Result expected = new ReferenceClassifier(conventions).classify(c);
        // Then they agree
        assertThat(engine(assessment.classification()))
                .as("classification under %s", conventions)
                .isEqualTo(reference(expected));
    }

    static Comparable engine(Classification k) {
        return new Comparable(k.category().name(),
                k.path().stream().map(ClassificationMatchesReferenceTest::step).toList(),
                k.reasons().stream().map(Enum::name).toList(), k.missing(),
                k.conventions().stream().map(ClassificationMatchesReferenceTest::convention).toList());
    }

    static Comparable reference(ReferenceClassifier.Result r) {
        List<String> conventions = new ArrayList<>();
        for (ReferenceClassifier.Convention k : r.conventions()) {
            conventions.add(k.name() == null ? k.id() : k.id() + " " + k.name() + "=" + k.value());
        }
        return new Comparable(r.category().name(), r.path().stream()
                .map(s -> s.step() + " " + s.answer() + (s.because() == null ? "" : " because " + s.because())).toList(),
                r.reasons().stream().map(Enum::name).toList(), r.missing(), conventions);
    }

    /** Step and answer; for P1 also its because (rule set 1.1 names the regional lesions set aside there). */
    private static String step(PathStep s) {
        return s.step() + " " + s.answer() + (s.step() == org.mltrules.Step.P1 ? " because " + s.because() : "");
    }

    /** K1-K4 and K11 carry a named value; the behaviour conventions K5-K10 are compared by id. */
    private static String convention(ConventionApplied k) {
        boolean valued = List.of("K1", "K2", "K3", "K4", "K11").contains(k.id());
        return valued ? k.id() + " " + k.name() + "=" + k.value() : k.id();
    }
}
