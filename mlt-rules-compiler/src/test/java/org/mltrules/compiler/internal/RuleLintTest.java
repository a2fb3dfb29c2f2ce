package org.mltrules.compiler.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.mltrules.RuleProblem;
import org.mltrules.RuleProblem.Severity;

/** The linter on small rule files: no compilation, so every defect can have its own case. */
class RuleLintTest {
    private static final String HEADER = """
            package org.mltrules.rules;
            import org.mltrules.facts.*;
            global org.mltrules.facts.Outcome outcome;
            """;

    private static List<RuleProblem> lint(String... fileAndText) {
        Map<String, String> drl = new TreeMap<>();
        for (int i = 0; i < fileAndText.length; i += 2) {
            drl.put(fileAndText[i], fileAndText[i + 1]);
        }
        return RuleLint.lint(DrlIndex.of(drl));
    }

    private static String rendered(List<RuleProblem> problems) {
        return String.join("\n", problems.stream().map(RuleProblem::render).toList());
    }

    @Test
    void aCompleteRuleAndItsUndecidedTwinPassTheLint() {
        List<RuleProblem> problems = lint("exclusions.drl", HEADER + """
                rule "H3 ECOG 3 or more: no surgery"
                    @id("H3") @technique("SURGERY") @effect("EXCLUDE") @tier("E") @evidence("Expert convention")
                    @text("ECOG 3 or more")
                when
                    Patient( ecog >= 3 )
                    $m : Metastasis()
                then
                    outcome.apply(kcontext, $m);
                end

                rule "H3 ECOG unknown"
                    @id("H3") @undecided
                when
                    Patient( ecog == null )
                    $m : Metastasis()
                then
                    outcome.undecided(kcontext, $m, "ecog");
                end
                """);

        assertThat(problems).isEmpty();
    }

    @Test
    void aRuleWithoutEvidenceOrTierIsAnErrorAtItsLine() {
        List<RuleProblem> problems = lint("x.drl", HEADER + """
                rule "F1 no evidence"
                    @id("F1") @technique("SURGERY") @effect(2)
                when
                    $m : Metastasis()
                then
                    outcome.apply(kcontext, $m);
                end
                """);

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.severity()).isEqualTo(Severity.ERROR);
            assertThat(p.file()).isEqualTo("x.drl");
            assertThat(p.line()).isEqualTo(4);
            assertThat(p.column()).isEqualTo(1);
            assertThat(p.rule()).isEqualTo("F1 no evidence");
            assertThat(p.message()).startsWith("missing @evidence, @tier");
        });
    }

    @Test
    void anUndecidedRuleWithoutIdIsAnError() {
        List<RuleProblem> problems = lint("x.drl", HEADER + """
                rule "twin without id"
                    @undecided
                when
                    $m : Metastasis( resectableR0 == null )
                then
                    outcome.undecided(kcontext, $m, "lesions[].resectableR0");
                end
                """);

        assertThat(rendered(problems)).isEqualTo("x.drl:4:1: rule \"twin without id\": missing @id: every rule needs "
                + "@id, @evidence and @tier (a rule marked @undecided needs only @id)");
    }

    @Test
    void badMetadataValuesArePlacedOnTheirAnnotation() {
        List<RuleProblem> problems = lint("x.drl", HEADER + """
                rule "bad values"
                    @id("Z1") @tier("E") @evidence("none")
                    @effect(3) @technique("SABR, LASER")
                    @flag("SHORT_DOUBLING")
                when
                    $m : Metastasis()
                then
                    outcome.apply(kcontext, $m);
                    outcome.flag(kcontext);
                end
                """);

        assertThat(problems).extracting(RuleProblem::line, RuleProblem::column).containsExactly(
                org.assertj.core.groups.Tuple.tuple(6, 5), org.assertj.core.groups.Tuple.tuple(6, 16),
                org.assertj.core.groups.Tuple.tuple(7, 5));
        assertThat(problems.get(0).message()).isEqualTo("@effect 3 is outside -2..+2");
        assertThat(problems.get(1).message()).startsWith("unknown technique 'LASER' in @technique");
        assertThat(problems.get(2).message()).startsWith("unknown @flag 'SHORT_DOUBLING'");
    }

    @Test
    void anEffectThatIsNeitherANumberNorExcludeIsAnError() {
        List<RuleProblem> problems = lint("x.drl", HEADER + """
                rule "effect word"
                    @id("Z2") @tier("E") @evidence("none") @technique("SABR") @effect("EXCLUDED")
                when
                    $m : Metastasis()
                then
                    outcome.apply(kcontext, $m);
                end
                """);

        assertThat(rendered(problems)).isEqualTo("x.drl:5:63: rule \"effect word\": @effect 'EXCLUDED' is neither an "
                + "integer -2..+2 nor EXCLUDE");
    }

    @Test
    void oneIdInTwoFilesIsAnErrorInTheSecondFile() {
        String rule = """
                rule "%s"
                    @id("C14") @technique("ALL") @effect(-1) @tier("R") @evidence("Casson AG 1992")
                when
                    $m : Metastasis()
                then
                    outcome.apply(kcontext, $m);
                end
                """;
        List<RuleProblem> problems = lint("cautions.drl", HEADER + rule.formatted("C14 short doubling time"),
                "flags.drl", HEADER + rule.formatted("C14 again"));

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("flags.drl");
            assertThat(p.line()).isEqualTo(5);
            assertThat(p.column()).isEqualTo(5);
            assertThat(p.message()).isEqualTo("rule id 'C14' used twice: already used in cautions.drl:4 "
                    + "(rule \"C14 short doubling time\"); the rules of one id belong in one file");
        });
    }

    @Test
    void rulesSharingAnIdMustAgreeOnEffectAndTechnique() {
        List<RuleProblem> problems = lint("x.drl", HEADER + """
                rule "H4 inoperable"
                    @id("H4") @technique("SURGERY") @effect("EXCLUDE") @tier("G") @evidence("Brunelli 2009")
                when
                    $m : Metastasis()
                then
                    outcome.apply(kcontext, $m);
                end
                rule "H4 poor pulmonary reserve"
                    @id("H4") @technique("SURGERY, SABR") @effect(-2) @tier("G") @evidence("Brunelli 2009")
                when
                    $m : Metastasis()
                then
                    outcome.apply(kcontext, $m);
                end
                """);

        assertThat(problems).extracting(RuleProblem::line, RuleProblem::column, RuleProblem::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple(12, 15, "rule id 'H4' has @technique(\"SURGERY, SABR\") here but "
                        + "@technique(\"SURGERY\") in the rule at x.drl:4 (rule \"H4 inoperable\"): rules sharing an "
                        + "id must agree on @technique"),
                org.assertj.core.groups.Tuple.tuple(12, 43, "rule id 'H4' has @effect -2 here but EXCLUDE in the rule "
                        + "at x.drl:4 (rule \"H4 inoperable\"): rules sharing an id must agree on @effect"));
    }

    @Test
    void aRuleNameUsedTwiceInDifferentPackagesIsAnError() {
        String rule = """
                rule "Q1 genuine OMD"
                    @id("Q1") @tier("G") @evidence("Guckenberger 2020")
                when
                    Path( at == Step.Q1 )
                then
                end
                """;
        List<RuleProblem> problems = lint("a.drl", HEADER + rule,
                "b.drl", HEADER.replace("org.mltrules.rules", "org.elsewhere") + rule);

        assertThat(problems).extracting(RuleProblem::render).contains("b.drl:4:1: rule \"Q1 genuine OMD\": rule name "
                + "used twice: also the name of the rule at a.drl:4 (rule \"Q1 genuine OMD\") (Drools would replace "
                + "one rule by the other)");
    }

    @Test
    void actionsThatNeedMetadataOrKnownFactPathsAreErrors() {
        List<RuleProblem> problems = lint("x.drl", HEADER + """
                rule "no effect"
                    @id("Z3") @tier("E") @evidence("none")
                when
                    $m : Metastasis()
                then
                    outcome.apply(kcontext, $m);
                    outcome.flag(kcontext);
                end
                rule "twin"
                    @id("Z3") @undecided
                when
                    $m : Metastasis()
                then
                    outcome.undecided(kcontext, $m, "ecog", "lesions[].sizeMM");
                    outcome.notRecommended(kcontext);
                end
                rule "unmarked twin"
                    @id("Z4") @tier("E") @evidence("none")
                when
                    $m : Metastasis()
                then
                    outcome.undecided(kcontext, $m, "ecog");
                end
                """);

        assertThat(rendered(problems)).isEqualTo("""
                x.drl:9:13: rule "no effect": outcome.apply needs @effect: an integer -2..+2 or "EXCLUDE"
                x.drl:9:13: rule "no effect": outcome.apply needs @technique: technique names or "ALL"
                x.drl:10:13: rule "no effect": outcome.flag needs @flag: the flag the rule raises
                x.drl:17:45: rule "twin": unknown fact path "lesions[].sizeMM" in outcome.undecided: input paths \
                such as "ecog" or "lesions[].sizeMm"
                x.drl:18:13: rule "twin": outcome.notRecommended in a rule marked @undecided: an undecided twin only \
                records unknown facts (outcome.undecided)
                x.drl:25:13: rule "unmarked twin": outcome.undecided records unknown facts: mark the rule @undecided \
                (otherwise it would count as fired)""");
    }

    @Test
    void deprecatedInfixOperatorsAndHalfConstraintsAreWarningsAtTheOperator() {
        List<RuleProblem> problems = lint("x.drl", HEADER + """
                rule "old syntax"
                    @id("Z4") @tier("E") @evidence("none") agenda-group "main"
                when
                    Path( at == Step.Q1 ) && Patient( ecog > 1 && < 3 )
                    Patient( ecog == 0 ) || Patient( ecog == 1 )
                    not ( Metastasis( sizeMm > 10 ) || Metastasis( sizeMm in ( 1, 2 ) || not in ( 5 ) ) )
                then
                end
                """);

        assertThat(problems).allMatch(p -> p.severity() == Severity.WARNING);
        assertThat(problems).extracting(RuleProblem::line, RuleProblem::column).containsExactly(
                org.assertj.core.groups.Tuple.tuple(5, 44), org.assertj.core.groups.Tuple.tuple(7, 27),
                org.assertj.core.groups.Tuple.tuple(7, 48), org.assertj.core.groups.Tuple.tuple(8, 26),
                org.assertj.core.groups.Tuple.tuple(9, 37), org.assertj.core.groups.Tuple.tuple(9, 71));
        assertThat(problems.get(0).message()).startsWith("'agenda-group' is deprecated");
        assertThat(problems.get(1).message()).startsWith("'&&' between patterns is deprecated");
        assertThat(problems.get(2).message()).startsWith("half constraint after '&&' is deprecated");
        assertThat(problems.get(3).message()).startsWith("'||' between patterns is deprecated");
        assertThat(problems.get(4).message()).startsWith("'||' between patterns is deprecated");
        assertThat(problems.get(5).message()).startsWith("half constraint after '||' is deprecated");
    }

    @Test
    void operatorsInsideConstraintsAndExpressionsAreNotDeprecated() {
        List<RuleProblem> problems = lint("x.drl", HEADER + """
                rule "current syntax"
                    @id("Z5") @tier("E") @evidence("none")
                when
                    $p : Patient( ecog > 1 && ecog < 3 || ( ecog == null && medicallyOperable == false ) )
                    $l : java.util.List( size > 0 ) from collect( Metastasis( counted == true || sizeMm > 10 ) )
                    eval( $l.size() > 1 && $l.size() < 4 )
                    Path( at == Step.Q1 ) and ( Patient() or Disease( countedLesions > 1 && countedLesions < 3 ) )
                then
                    if ($p != null && $l != null || false) { }
                end
                """);

        assertThat(problems).isEmpty();
    }

    @Test
    void comparingThePathsStepWithAStringIsAnErrorAtTheString() {
        // Given a rule written when the path's question was a string: it would compile and never match
        List<RuleProblem> problems = lint("x.drl", HEADER + """
                rule "old step"
                    @id("Q9") @tier("E") @evidence("none")
                when
                    $path : Path( at == "Q3" )
                    Path( at != "DONE" )
                then
                end
                """);

        assertThat(rendered(problems)).isEqualTo("""
                x.drl:7:25: rule "old step": Path.at is a Step, never equal to the string "Q3": compare it with \
                Step.Q3 (import org.mltrules.Step)
                x.drl:8:17: rule "old step": Path.at is a Step, never equal to the string "DONE": compare it with \
                a Step (Step.P1 ... Step.Q5) (import org.mltrules.Step)""");
    }

    @Test
    void theOutcomeGlobalMustBeTheEnginesType() {
        List<RuleProblem> problems = lint("x.drl", """
                package org.mltrules.rules;
                global java.util.List outcome;
                """, "y.drl", HEADER);

        assertThat(rendered(problems)).isEqualTo("x.drl:2:1: global 'outcome' declared as java.util.List: it must be "
                + "org.mltrules.facts.Outcome, the engine's");
    }

    @Test
    void aMissingParenthesisDoesNotHideTheFollowingRules() {
        DrlIndex index = DrlIndex.of(Map.of("x.drl", HEADER + """
                rule "broken"
                when
                    Path( at == Step.Q1
                then
                end
                rule "next"
                when
                then
                end
                """));

        assertThat(index.parsed("x.drl")).isFalse();
        assertThat(index.rules()).extracting(DrlIndex.RuleSite::name, DrlIndex.RuleSite::line,
                DrlIndex.RuleSite::endLine).containsExactly(org.assertj.core.groups.Tuple.tuple("broken", 4, 8),
                org.assertj.core.groups.Tuple.tuple("next", 9, 12));
    }
    // ---- references.properties (rule set 1.1) ----------------------------------------------------------------

    private static final String C9 = HEADER + """
            rule "C9 SABR penalised after prior radiotherapy"
                @id("C9") @technique("SABR") @effect("-1") @tier("E") @evidence("%s")
            when
                $m : Metastasis( previouslyIrradiated == true )
            then
                outcome.apply(kcontext, $m);
            end
            """;

    @Test
    void anEvidenceKeyMissingFromTheReferencesIsAnErrorOnTheAnnotation() {
        // Given a rule naming a key the references file lacks (a typo)
        List<RuleProblem> problems = RuleLint.lint(DrlIndex.of(Map.of("cautions.drl", C9.formatted("expert-convention, casson1929"))),
                "expert-convention = Expert convention [E], no published threshold\n");

        // Then it is an error at @evidence, naming the key
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.severity()).isEqualTo(Severity.ERROR);
            assertThat(p.line()).isEqualTo(5);
            assertThat(p.message()).contains("unknown reference key 'casson1929'");
        });
    }

    @Test
    void aReferenceNoRuleNamesIsAWarningAtItsLine() {
        // Given a references file with a stale citation on its third line
        List<RuleProblem> problems = RuleLint.lint(DrlIndex.of(Map.of("cautions.drl", C9.formatted("expert-convention"))),
                "# citations\nexpert-convention = Expert convention [E]\nputnam1985 = Putnam JB, Cancer 1985\n");

        // Then the stale key is a warning in references.properties, and nothing else is reported
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.severity()).isEqualTo(Severity.WARNING);
            assertThat(p.file()).isEqualTo("references.properties");
            assertThat(p.line()).isEqualTo(3);
            assertThat(p.message()).contains("'putnam1985'", "named by no rule");
        });
    }

    @Test
    void aReferenceKeyThatIsNotAPlainWordIsAnError() {
        List<RuleProblem> problems = RuleLint.lint(DrlIndex.of(Map.of("cautions.drl", C9.formatted("expert-convention"))),
                "expert-convention = Expert convention [E]\n(casson) = Casson AG, Cancer 1992\n");

        assertThat(problems).extracting(RuleProblem::severity, RuleProblem::line)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Severity.ERROR, 2));
    }

    @Test
    void keysWithoutAReferencesFileAreAWarningBecauseTheKeyWouldBePrintedAsTheCitation() {
        // Given a rule folder copied without its references.properties
        List<RuleProblem> keys = RuleLint.lint(DrlIndex.of(Map.of("cautions.drl", C9.formatted("casson1992, roth1985"))), null);
        List<RuleProblem> citation = RuleLint.lint(DrlIndex.of(Map.of("cautions.drl",
                C9.formatted("Casson AG, Cancer 1992;69:662"))), null);

        // Then key-like evidence is a warning at @evidence; a written-out citation is not
        assertThat(keys).singleElement().satisfies(p -> {
            assertThat(p.severity()).isEqualTo(Severity.WARNING);
            assertThat(p.line()).isEqualTo(5);
            assertThat(p.message()).contains("looks like reference keys", "references.properties");
        });
        assertThat(citation).isEmpty();
    }

    @Test
    void aWrittenOutCitationInARuleSetWithReferencesIsOneErrorNamingWhereItBelongs() {
        // Given a rule added to a rule set that cites through references.properties, with its citation written out
        List<RuleProblem> problems = RuleLint.lint(DrlIndex.of(Map.of("cautions.drl",
                C9.formatted("Smith J, Radiother Oncol 2021"))), "expert-convention = Expert convention [E]\n");

        // Then one error at @evidence says to move the citation into the references file, not one per word
        assertThat(problems).filteredOn(p -> p.severity() == Severity.ERROR).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(5);
            assertThat(p.message()).contains("written-out citation", "references.properties");
        });
    }
}
