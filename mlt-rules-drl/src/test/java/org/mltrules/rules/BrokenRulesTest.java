package org.mltrules.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mltrules.rules.RuleFolders.at;
import static org.mltrules.rules.RuleFolders.edit;
import static org.mltrules.rules.RuleFolders.lineOf;
import static org.mltrules.rules.RuleFolders.write;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mltrules.Category;
import org.mltrules.MltRules;
import org.mltrules.RuleProblem;
import org.mltrules.RuleSetException;

/**
 * An analyst breaks a copy of the bundled rules in every way the workflow must catch, and sees each problem with
 * the file, line and column in the DRL (never in generated Java), all at once. Several defects share one broken
 * copy, in places that keep their positions unambiguous, because each compilation takes seconds.
 */
class BrokenRulesTest {
    static final String LINT_DRL = """
            package org.mltrules.rules;

            import org.mltrules.Step;
            import org.mltrules.facts.Metastasis;
            import org.mltrules.facts.Path;
            import org.mltrules.facts.Patient;

            global org.mltrules.facts.Outcome outcome;

            rule "X1 SABR for small lesions, no citation"
                @id("X1") @technique("SABR") @effect(1)
            when
                $m : Metastasis( sizeMm != null, sizeMm <= 10 )
            then
                outcome.apply(kcontext, $m);
            end

            rule "X2 SABR strongly favoured"
                @id("X2") @technique("SABR") @effect(3) @tier("E") @evidence("expert-convention")
            when
                $m : Metastasis( sizeMm != null, sizeMm <= 5 )
            then
                outcome.apply(kcontext, $m);
            end

            rule "X3 proton therapy"
                @id("X3") @technique("PROTON") @effect(-1) @flag("NEEDS_PET") @tier("E") @evidence("expert-convention")
            when
                $m : Metastasis( sizeMm != null, sizeMm > 40 )
            then
                outcome.apply(kcontext, $m);
            end

            rule "X4 old syntax"
                @id("X4") @tier("E") @evidence("expert-convention")
            when
                Path( at == Step.Q1 ) && Patient( ecog > 1 && < 3 )
            then
            end

            rule "X5 reuses a classification id"
                @id("Q3") @tier("E") @evidence("expert-convention")
            when
                Path( at == Step.Q1, at == Step.Q2 )
            then
            end

            rule "Q1 genuine OMD: no polymetastatic disease before"
                @id("X6") @tier("E") @evidence("expert-convention")
            when
                Path( at == Step.Q1, at == Step.Q2 )
            then
            end
            """;

    static final String SYNTAX_DRL = """
            package org.mltrules.rules;

            import org.mltrules.Step;
            import org.mltrules.facts.Path;
            import org.mltrules.facts.Patient;

            rule "Y1 missing parenthesis"
                @id("Y1") @tier("E") @evidence("expert-convention")
            when
                Path( at == Step.Q1
                Patient( ecog == 0 )
            then
            end
            """;

    @Test
    void everyDefectIsReportedAtOnceWithFileLineAndColumnInTheDrl(@TempDir Path dir) {
        Path rules = RuleFolders.copyOfBundled(dir.resolve("rules"));
        Path classification = rules.resolve("classification.drl");
        // Compile errors: an unknown fact type, an unknown field, an action calling a missing method.
        edit(classification, "    Patient( lesionsKnown == false )", "    Foo( lesionsKnown == false )");
        edit(classification, "collect( Metastasis( counted == true, safelyTreatable == false ) )",
                "collect( Metastasis( counted == true, sizeMn > 3 ) )");
        edit(classification, "$path.fail(PreconditionFailure.TOO_MANY_LESIONS);",
                "$path.fial(PreconditionFailure.TOO_MANY_LESIONS);");
        // A syntax error in another file, and lint defects (and a duplicate rule name) in a third.
        write(rules.resolve("broken-syntax.drl"), SYNTAX_DRL);
        write(rules.resolve("lint.drl"), LINT_DRL);

        RuleSetException refused = catchThrowableOfType(RuleSetException.class,
                () -> MltRules.builder().rulesFrom(rules).build());

        assertThat(refused).as("a broken rule set must be refused").isNotNull();
        assertThat(refused.problems()).extracting(RuleProblem::render).containsExactly(
                at(rules, "broken-syntax.drl", "    Patient( ecog == 0 )", 4)
                        + ": rule \"Y1 missing parenthesis\": mismatched input 'Patient' (the '(' at "
                        + at(rules, "broken-syntax.drl", "( at == Step.Q1", 0).replace("broken-syntax.drl:", "")
                        + " is not closed)",
                at(rules, "classification.drl", "Foo( lesionsKnown", 0)
                        + ": rule \"P1 lesions unknown: indeterminate\": unknown fact type 'Foo': not a class of the "
                        + "fact model (org.mltrules.facts) and not imported",
                at(rules, "classification.drl", "$path.fial(", 6)
                        + ": rule \"P2 too many lesions: not oligometastatic\": The method "
                        + "fial(PreconditionFailure) is undefined for the type Path",
                at(rules, "classification.drl", "sizeMn > 3", 0)
                        + ": rule \"P3 a counted lesion not safely treatable: not oligometastatic\": unknown property "
                        + "'sizeMn' of Metastasis in 'sizeMn > 3'",
                at(rules, "lint.drl", "rule \"X1", 0) + ": rule \"X1 SABR for small lesions, no citation\": "
                        + "missing @evidence, @tier: every rule needs @id, @evidence and @tier (a rule marked "
                        + "@undecided needs only @id)",
                at(rules, "lint.drl", "@effect(3)", 0) + ": rule \"X2 SABR strongly favoured\": @effect 3 is "
                        + "outside -2..+2",
                at(rules, "lint.drl", "@technique(\"PROTON\")", 0) + ": rule \"X3 proton therapy\": unknown "
                        + "technique 'PROTON' in @technique: expected one of [SABR, MWA, RFA, CRYOABLATION, "
                        + "SURGERY] or ALL",
                at(rules, "lint.drl", "@flag(\"NEEDS_PET\")", 0) + ": rule \"X3 proton therapy\": unknown @flag "
                        + "'NEEDS_PET': expected one of [INDETERMINATE_CLASSIFICATION, SHORT_DOUBLING_TIME, "
                        + "OLIGOPROGRESSION, HISTOLOGY_PROTOCOL, STAGING_MRI, HISTOLOGY_NOT_RECOGNISED, SPINE_INSTABILITY]",
                at(rules, "lint.drl", "&& Patient", 0) + ": warning: rule \"X4 old syntax\": '&&' between "
                        + "patterns is deprecated (dropped by DRL10): use 'and'",
                at(rules, "lint.drl", "&& < 3", 0) + ": warning: rule \"X4 old syntax\": half constraint after "
                        + "'&&' is deprecated (dropped by DRL10): repeat the left operand, e.g. 'ecog > 1 && ecog < 3'",
                at(rules, "lint.drl", "@id(\"Q3\")", 0) + ": rule \"X5 reuses a classification id\": rule id 'Q3' "
                        + "used twice: already used in " + lineOf(rules, "classification.drl",
                        "rule \"Q3 diagnosis dates unknown") + " (rule \"Q3 diagnosis dates unknown: indeterminate\"); "
                        + "the rules of one id belong in one file",
                at(rules, "lint.drl", "rule \"Q1 genuine", 0) + ": rule \"Q1 genuine OMD: no polymetastatic disease "
                        + "before\": rule name used twice: also the name of the rule at " + lineOf(rules,
                        "classification.drl", "rule \"Q1 genuine") + " (rule \"Q1 genuine OMD: no polymetastatic "
                        + "disease before\") (Drools would replace one rule by the other)");
        assertThat(refused.problems()).filteredOn(p -> p.severity() == RuleProblem.Severity.WARNING).hasSize(2);
    }

    @Test
    void deprecatedSyntaxAloneIsReportedButDoesNotRefuseTheRuleSet(@TempDir Path dir) {
        Path rules = RuleFolders.copyOfBundled(dir.resolve("rules"));
        write(rules.resolve("legacy.drl"), """
                package org.mltrules.rules;

                import org.mltrules.Step;
                import org.mltrules.facts.Path;
                import org.mltrules.facts.Patient;

                rule "L1 legacy infix or"
                    @id("L1") @tier("E") @evidence("expert-convention")
                when
                    Path( at == Step.Q1, at == Step.Q2 ) || Patient( ecog == 4 && == 5 )
                then
                end
                """);

        MltRules loaded = MltRules.builder().rulesFrom(rules).build();

        assertThat(loaded.warnings()).extracting(RuleProblem::render).containsExactly(
                at(rules, "legacy.drl", "|| Patient", 0) + ": warning: rule \"L1 legacy infix or\": '||' between "
                        + "patterns is deprecated (dropped by DRL10): use 'or'",
                at(rules, "legacy.drl", "&& ==", 0) + ": warning: rule \"L1 legacy infix or\": half constraint after "
                        + "'&&' is deprecated (dropped by DRL10): repeat the left operand, e.g. 'ecog > 1 && ecog < 3'");
        assertThat(loaded.ruleNames()).contains("L1 legacy infix or");
        assertThat(loaded.assess(Cases.metachronousLungRecurrence().build()).category())
                .isEqualTo(Category.METACHRONOUS_OLIGORECURRENCE);
    }

    @Test
    void anInvalidDescriptorIsReportedTogetherWithTheDrlProblems(@TempDir Path dir) {
        Path rules = RuleFolders.copyOfBundled(dir.resolve("rules"));
        RuleFolders.write(rules.resolve("ruleset.properties"), "name=copy\nversion=2\nconventions.maxLesion=4\n");
        write(rules.resolve("broken-syntax.drl"), SYNTAX_DRL);

        RuleSetException refused = catchThrowableOfType(RuleSetException.class,
                () -> MltRules.builder().rulesFrom(rules).build());

        assertThat(refused.problems()).extracting(RuleProblem::file)
                .containsExactlyInAnyOrder("ruleset.properties", "broken-syntax.drl");
        List<String> messages = refused.problems().stream().map(RuleProblem::message).toList();
        assertThat(messages).anyMatch(m -> m.startsWith("unknown key 'conventions.maxLesion'"));
    }
}
