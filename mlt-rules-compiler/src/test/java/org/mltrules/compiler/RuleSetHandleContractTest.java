package org.mltrules.compiler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mltrules.Category;
import org.mltrules.Centre;
import org.mltrules.Conventions;
import org.mltrules.MltRules;
import org.mltrules.PatientCase;
import org.mltrules.RuleProblem;
import org.mltrules.RuleSetException;
import org.mltrules.RuleSetHandle;
import org.mltrules.Technique;

/** What a reload reports and when it swaps, with a one-rule rule set (the load test is in mlt-rules-drl). */
class RuleSetHandleContractTest {
    @TempDir
    static Path dir;
    static MltRules rules;

    @BeforeAll
    static void oneRuleSet() throws IOException {
        Files.writeString(dir.resolve("ruleset.properties"), "name=tiny\nversion=1\n");
        Files.writeString(dir.resolve("tiny.drl"), """
                package org.mltrules.rules;
                import org.mltrules.Category;
                import org.mltrules.Step;
                import org.mltrules.facts.Path;
                rule "T1 everything is indeterminate"
                    @id("T1") @tier("E") @evidence("test")
                when
                    $path : Path( at == Step.P1 )
                then
                    modify( $path ) { setCategory( Category.INDETERMINATE ), setAt( Path.DONE ) }
                end
                """);
        rules = MltRules.builder().rulesFrom(dir).build();
    }

    static final RuleProblem WARNING = new RuleProblem(RuleProblem.Severity.WARNING, null, 0, 0, null, "note");

    @Test
    void aBuildThatThrowsIsRefusedWithItsReasonAndTheOldRulesServe() {
        RuleSetHandle handle = new RuleSetHandle(rules);

        RuleSetHandle.Reload r = handle.reload(() -> {
            throw new IllegalStateException("disk full");
        });

        assertThat(r.swapped()).isFalse();
        assertThat(r.candidate()).isNull();
        assertThat(r.serving()).isEqualTo(rules.ruleSet());
        assertThat(r.problems()).extracting(RuleProblem::message)
                .containsExactly("the rule set could not be built: java.lang.IllegalStateException: disk full");
        assertThat(handle.current()).isSameAs(rules);
        assertThatThrownBy(r::orThrow).isInstanceOf(RuleSetException.class).hasMessageContaining("disk full");
    }

    @Test
    void aVerificationThatThrowsRefusesTheCandidate() {
        RuleSetHandle handle = new RuleSetHandle(rules, candidate -> {
            throw new IllegalArgumentException("bad scenario");
        });
        MltRules candidate = rules.withConventions(Conventions.builder().maxLesions(3).build());

        RuleSetHandle.Reload r = handle.reload(() -> candidate);

        assertThat(r.swapped()).isFalse();
        assertThat(r.candidate()).isEqualTo(candidate.ruleSet());
        assertThat(r.problems()).extracting(RuleProblem::message)
                .containsExactly("the verification failed: java.lang.IllegalArgumentException: bad scenario");
        assertThat(handle.current()).isSameAs(rules);
    }

    /** A scenario that recurses without end, or a build that runs out of memory: the error is the candidate's. */
    static java.util.stream.Stream<Throwable> errorsOfABrokenRuleSet() {
        return java.util.stream.Stream.of(new StackOverflowError(), new OutOfMemoryError("Java heap space"));
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("errorsOfABrokenRuleSet")
    @org.junit.jupiter.api.DisplayName("a verification that overflows its stack or runs out of memory refuses the "
            + "reload; reload never throws for a broken rule set")
    void anErrorInTheVerificationRefusesTheCandidate(Throwable error) {
        // Given a handle whose verification of the next candidate throws an Error
        RuleSetHandle handle = new RuleSetHandle(rules, candidate -> {
            throw sneaky(error);
        });
        MltRules candidate = rules.withConventions(Conventions.builder().maxLesions(3).build());

        // When it reloads
        RuleSetHandle.Reload r = handle.reload(() -> candidate);

        // Then the reload is refused naming the error's class, and the old rules keep serving
        assertThat(r.swapped()).isFalse();
        assertThat(r.problems()).extracting(RuleProblem::message)
                .containsExactly("the verification failed: " + error.getClass().getName());
        assertThat(handle.current()).isSameAs(rules);
    }

    @Test
    @org.junit.jupiter.api.DisplayName("a build that overflows its stack refuses the reload instead of throwing")
    void anErrorInTheBuildRefusesTheCandidate() {
        RuleSetHandle handle = new RuleSetHandle(rules, RuleSetHandle.Verification.NONE);

        RuleSetHandle.Reload r = handle.reload(() -> {
            throw new StackOverflowError();
        });

        assertThat(r.swapped()).isFalse();
        assertThat(r.problems()).extracting(RuleProblem::message)
                .containsExactly("the rule set could not be built: java.lang.StackOverflowError");
        assertThat(handle.current()).isSameAs(rules);
    }

    private static RuntimeException sneaky(Throwable t) {
        if (t instanceof Error e) {
            throw e;
        }
        return (RuntimeException) t;
    }

    @Test
    void warningsAloneDoNotStopASwap() {
        RuleSetHandle handle = new RuleSetHandle(rules, candidate -> List.of(WARNING));
        MltRules candidate = rules.withConventions(Conventions.builder().maxLesions(3).build());

        RuleSetHandle.Reload r = handle.reload(() -> candidate).orThrow();

        assertThat(r.swapped()).isTrue();
        assertThat(r.problems()).containsExactly(WARNING);
        assertThat(handle.current()).isSameAs(candidate);
        assertThat(r.serving().fingerprint()).isNotEqualTo(rules.ruleSet().fingerprint());
        assertThat(r.render()).startsWith("rule set tiny 1 (" + candidate.ruleSet().fingerprint() + ") now serves\n");
        assertThat(handle.assess(PatientCase.builder("c").build()).rules()).isEqualTo(candidate.ruleSet());
    }

    @Test
    void withoutTheAnalystModuleTheDefaultVerificationRefusesEveryReloadSayingWhy() {
        // This module's tests do not have mlt-rules-analyst, which runs scenarios, on their class path.
        RuleSetHandle handle = new RuleSetHandle(rules);
        MltRules candidate = rules.withConventions(Conventions.builder().maxLesions(3).build());

        RuleSetHandle.Reload r = handle.reload(() -> candidate);

        assertThat(r.swapped()).isFalse();
        assertThat(r.problems()).extracting(RuleProblem::message).singleElement().asString()
                .startsWith("scenario verification needs org.mltrules:mlt-rules-analyst on the class path")
                .contains("RuleSetHandle.Verification.NONE");
        assertThat(handle.current()).isSameAs(rules);
        assertThat(new RuleSetHandle(rules, RuleSetHandle.Verification.NONE).reload(() -> candidate).swapped())
                .isTrue();
    }

    @Test
    void aFolderThatDoesNotExistIsRefusedNotThrown() {
        RuleSetHandle handle = new RuleSetHandle(rules);

        RuleSetHandle.Reload r = handle.reload(dir.resolve("missing"));

        assertThat(r.swapped()).isFalse();
        assertThat(r.problems()).isNotEmpty();
        assertThat(handle.current()).isSameAs(rules);
    }

    @Test
    void theSameRulesUnderOtherConventionsShareTheCompiledRulesButNotTheFingerprint() {
        MltRules other = rules.withConventions(Conventions.builder().maxLesions(3).build());

        assertThat(other.ruleNames()).isEqualTo(rules.ruleNames());
        assertThat(other.conventions().maxLesions()).isEqualTo(3);
        assertThat(other.ruleSet().fingerprint()).isNotEqualTo(rules.ruleSet().fingerprint());
        assertThat(rules.withConventions(rules.conventions())).isSameAs(rules);
        assertThat(rules.withCentre(Centre.offering(Technique.SABR)).centre().availableTechniques())
                .containsExactly(Technique.SABR);
    }
}
