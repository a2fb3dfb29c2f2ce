package org.mltrules.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mltrules.Technique.CRYOABLATION;
import static org.mltrules.Technique.MWA;
import static org.mltrules.Technique.RFA;
import static org.mltrules.Technique.SABR;
import static org.mltrules.Technique.SURGERY;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.mltrules.Lesion;
import org.mltrules.LesionAssessment;
import org.mltrules.RankedOption;
import org.mltrules.Site;
import org.mltrules.Technique;
import org.mltrules.UndecidedRule;
import org.mltrules.facts.Metastasis;

/**
 * An option that an undecided exclusion rule could still exclude lists it in {@code openExclusions} (rule set 1.1):
 * the board sees which facts would settle it. Other undecided rules only name their facts on the lesion.
 */
class OpenExclusionsTest {
    private static final Metastasis LESION = new Metastasis(0, Lesion.builder("L1", Site.LUNG).build(), true);

    private static void undecidedExclusion(Recorder.LesionOutcome lo, String rule, Set<Technique> techniques,
                                           String... facts) {
        for (Technique t : techniques) {
            Map<String, Set<String>> byRule = lo.undecidedExclusions().computeIfAbsent(t, k -> new java.util.HashMap<>());
            byRule.computeIfAbsent(rule, k -> new TreeSet<>()).addAll(List.of(facts));
        }
        lo.undecidedRules().computeIfAbsent(rule, k -> new TreeSet<>()).addAll(List.of(facts));
        lo.missing().addAll(List.of(facts));
    }

    private static RankedOption option(LesionAssessment a, Technique t) {
        return a.options().stream().filter(o -> o.technique() == t).findFirst().orElseThrow();
    }

    @Test
    void anUndecidedExclusionMakesEachOfItsTechniquesProvisionalWithTheFactsThatWouldSettleIt() {
        // Given H5 undecided for the three ablation techniques (platelets unknown) and H2 for surgery
        Recorder.LesionOutcome lo = new Recorder.LesionOutcome();
        undecidedExclusion(lo, "H5", Set.of(RFA, MWA, CRYOABLATION), "plateletsPerNanolitre");
        undecidedExclusion(lo, "H2", Set.of(SURGERY), "lesions[].resectableR0");

        // When the lesion is ranked
        LesionAssessment a = Assembler.rank(LESION, lo);

        // Then each of those options is provisional, naming the rule and its facts; SABR is not
        assertThat(option(a, RFA).openExclusions()).containsExactly(new UndecidedRule("H5",
                List.of("plateletsPerNanolitre")));
        assertThat(option(a, CRYOABLATION).provisional()).isTrue();
        assertThat(option(a, SURGERY).openExclusions()).containsExactly(new UndecidedRule("H2",
                List.of("lesions[].resectableR0")));
        assertThat(option(a, SABR).openExclusions()).isEmpty();
        assertThat(option(a, SABR).provisional()).isFalse();
        // and the lesion attributes every undecided rule's facts, by rule id
        assertThat(a.undecided()).extracting(UndecidedRule::rule).containsExactly("H2", "H5");
    }

    @Test
    void severalUndecidedExclusionsOfOneOptionAreListedByRuleId() {
        Recorder.LesionOutcome lo = new Recorder.LesionOutcome();
        undecidedExclusion(lo, "H11", Set.of(SURGERY), "declinesSurgery");
        undecidedExclusion(lo, "H3", Set.of(SURGERY), "ecog");
        undecidedExclusion(lo, "H4", Set.of(SURGERY), "medicallyOperable");

        LesionAssessment a = Assembler.rank(LESION, lo);

        assertThat(option(a, SURGERY).openExclusions()).extracting(UndecidedRule::rule)
                .containsExactly("H3", "H4", "H11");
    }
}
