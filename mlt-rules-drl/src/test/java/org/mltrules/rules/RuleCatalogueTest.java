package org.mltrules.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mltrules.Technique.CRYOABLATION;
import static org.mltrules.Technique.MWA;
import static org.mltrules.Technique.RFA;
import static org.mltrules.Technique.SABR;
import static org.mltrules.Technique.SURGERY;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mltrules.CandidacyLevel;
import org.mltrules.Flag;
import org.mltrules.MltRules;
import org.mltrules.RuleMetadata;
import org.mltrules.Technique;
import org.mltrules.Tier;

/**
 * The bundled rules' metadata against the catalogue of docs/clinical-rules.md, local therapy: every rule present, with
 * its techniques, effect and tier as specified; every reason cited; every undecided twin consistent with its rule.
 */
class RuleCatalogueTest {
    private static final Map<String, RuleMetadata> RULES = MltRules.bundled().rules();

    private static final Set<Technique> ALL = EnumSet.allOf(Technique.class);
    private static final Set<Technique> ABLATION = EnumSet.of(MWA, RFA, CRYOABLATION);
    private static final Integer EXCLUDE = null;

    /** One row of the catalogue: id, techniques, effect (null = EXCLUDE), tier. */
    record Row(String id, Set<Technique> techniques, Integer effect, Tier tier) {
        @Override
        public String toString() {
            return id;
        }
    }

    private static Row row(String id, Set<Technique> techniques, Integer effect, Tier tier) {
        return new Row(id, techniques, effect, tier);
    }

    static List<Row> catalogue() {
        return List.of(
                row("H1", ALL, EXCLUDE, Tier.G),
                row("H2", EnumSet.of(SURGERY), EXCLUDE, Tier.R),
                row("H3", EnumSet.of(SURGERY), EXCLUDE, Tier.E),
                row("H4", EnumSet.of(SURGERY), EXCLUDE, Tier.G),
                row("H5", ABLATION, EXCLUDE, Tier.P),
                row("H6", ABLATION, EXCLUDE, Tier.P),
                row("H7", EnumSet.of(CRYOABLATION), EXCLUDE, Tier.P),
                row("H8", ABLATION, EXCLUDE, Tier.E),
                row("H9", EnumSet.of(SABR), EXCLUDE, Tier.E),
                row("H10", ABLATION, EXCLUDE, Tier.E),
                row("H11", EnumSet.of(SURGERY), EXCLUDE, Tier.E),
                row("UNAVAILABLE", ALL, EXCLUDE, null),
                row("C1", EnumSet.of(RFA), -2, Tier.R),
                row("C2", EnumSet.of(CRYOABLATION), -2, Tier.P),
                row("C3", EnumSet.of(MWA, CRYOABLATION), -1, Tier.R),
                row("C4", EnumSet.of(RFA), -2, Tier.R),
                row("C5", EnumSet.of(CRYOABLATION), -1, Tier.E),
                row("C6", EnumSet.of(RFA, MWA), -1, Tier.R),
                row("C7", EnumSet.of(SABR), -1, Tier.R),
                row("C8", EnumSet.of(SABR), -2, Tier.R),
                row("C9", EnumSet.of(SABR), -1, Tier.E),
                row("C10", EnumSet.of(SURGERY), -1, Tier.E),
                row("C11", EnumSet.of(SURGERY), -1, Tier.R),
                row("C12", EnumSet.of(SURGERY), -2, Tier.R),
                row("C13", EnumSet.of(SURGERY), -1, Tier.R),
                row("C15", EnumSet.of(SABR), -2, Tier.G),
                row("C16", EnumSet.of(SURGERY), -1, Tier.E),
                row("C17", EnumSet.of(RFA, MWA), -1, Tier.E),
                row("C18", EnumSet.of(SURGERY), -1, Tier.E),
                row("C19", EnumSet.of(RFA, MWA), -1, Tier.E),
                row("F1", EnumSet.of(SURGERY), 2, Tier.R),
                row("F2", EnumSet.of(SURGERY), 1, Tier.R),
                row("F3", EnumSet.of(SURGERY), 1, Tier.R),
                row("F4", EnumSet.of(SURGERY), 2, Tier.R),
                row("F5", EnumSet.of(SABR), 2, Tier.R),
                row("F6", EnumSet.of(SABR), 1, Tier.R),
                row("F7", EnumSet.of(SABR), 2, Tier.R),
                row("F8", EnumSet.of(SABR), 1, Tier.R),
                row("F9", EnumSet.of(RFA), 2, Tier.R),
                row("F10", EnumSet.of(MWA), 1, Tier.R),
                row("F11", EnumSet.of(CRYOABLATION), 2, Tier.R),
                row("F12", ABLATION, 1, Tier.R),
                row("F13", EnumSet.of(SURGERY, RFA, MWA), 1, Tier.R),
                row("F14", EnumSet.of(SABR), 1, Tier.R),
                row("F15", EnumSet.of(MWA, CRYOABLATION), 1, Tier.R),
                row("F16", EnumSet.of(SURGERY), 2, Tier.G),
                row("F17", EnumSet.of(SURGERY), 1, Tier.E));
    }

    private static List<RuleMetadata> decided(String id) {
        return RULES.values().stream().filter(m -> m.id().equals(id) && !m.undecided()).toList();
    }

    private static boolean isClassification(RuleMetadata m) {
        return m.id().matches("[PQ][1-5]");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void everyLesionRuleIsPresentWithItsTechniquesEffectAndTier(Row row) {
        List<RuleMetadata> rules = decided(row.id()).stream().filter(m -> !m.techniques().isEmpty()).toList();

        assertThat(rules).as("lesion rules with id %s", row.id()).hasSize(1);
        RuleMetadata m = rules.get(0);
        assertThat(m.techniques()).isEqualTo(row.techniques());
        assertThat(m.exclude()).isEqualTo(row.effect() == null);
        assertThat(m.effect()).isEqualTo(row.effect());
        assertThat(m.tier()).isEqualTo(row.tier());
        assertThat(m.name()).as("the rule's name starts with its id").startsWith(row.id() + " ");
    }

    @Test
    void theBundledRuleSetHoldsNoLesionRuleOutsideTheCatalogue() {
        Set<String> ids = RULES.values().stream().filter(m -> !m.undecided() && !m.techniques().isEmpty())
                .map(RuleMetadata::id).collect(Collectors.toCollection(TreeSet::new));

        assertThat(ids).containsExactlyInAnyOrderElementsOf(catalogue().stream().map(Row::id).toList());
    }

    @Test
    void everyPatientLevelReasonAndFlagIsPresent() {
        Set<Flag> flags = RULES.values().stream().filter(m -> m.flag() != null).map(RuleMetadata::flag)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Flag.class)));
        Set<String> notRecommended = RULES.values().stream().filter(m -> m.level() == CandidacyLevel.NOT_RECOMMENDED)
                .map(RuleMetadata::id).collect(Collectors.toCollection(TreeSet::new));

        Set<String> discuss = RULES.values().stream().filter(m -> m.level() == CandidacyLevel.DISCUSS)
                .map(RuleMetadata::id).collect(Collectors.toCollection(TreeSet::new));

        assertThat(flags).containsExactlyInAnyOrder(Flag.values());
        assertThat(notRecommended).containsExactlyInAnyOrder("NOT_OLIGOMETASTATIC", "NO_DISTANT_METASTASIS",
                "ECOG_3_OR_WORSE", "LIFE_EXPECTANCY_UNDER_6_MONTHS");
        assertThat(discuss).containsExactly("UNCONTROLLED_REGIONAL_DISEASE");
    }

    @Test
    void c14IsAPatientLevelReasonAndFlagOnly() {
        assertThat(RULES.values()).filteredOn(m -> m.id().equals("C14"))
                .allSatisfy(m -> assertThat(m.techniques()).as(m.name()).isEmpty())
                .anySatisfy(m -> assertThat(m.flag()).isEqualTo(Flag.SHORT_DOUBLING_TIME));
    }

    @Test
    void everyDecidedRuleNamesReferenceKeysWhoseCitationsTheOutputCarries() {
        Map<String, String> references = MltRules.bundled().references();
        List<String> defects = new ArrayList<>();
        Set<String> used = new TreeSet<>();
        for (RuleMetadata m : RULES.values()) {
            if (m.undecided()) {
                continue;
            }
            if (m.evidenceKeys().isEmpty()) {
                defects.add(m.name() + ": @evidence names no reference key");
            }
            for (String key : m.evidenceKeys()) {
                used.add(key);
                if (!references.containsKey(key)) {
                    defects.add(m.name() + ": unknown reference key " + key);
                } else if (!m.evidence().contains(references.get(key))) {
                    defects.add(m.name() + ": the evidence does not carry the citation of " + key);
                }
            }
        }
        assertThat(defects).isEmpty();
        assertThat(used).as("every citation is used by a rule").isEqualTo(references.keySet());
    }

    @Test
    void everyDecidedRuleIsCitedAndParsesCleanly() {
        List<String> defects = new ArrayList<>();
        for (RuleMetadata m : RULES.values()) {
            if (!m.problems().isEmpty()) {
                defects.add(m.name() + ": " + m.problems());
            }
            if (m.undecided() || isClassification(m)) {
                continue;
            }
            if (m.text().equals(m.name())) {
                defects.add(m.name() + ": no @text");
            }
            if (m.evidence() == null || m.evidence().isBlank()) {
                defects.add(m.name() + ": no @evidence");
            }
            if (m.tier() == null && !m.id().equals("UNAVAILABLE")) {
                defects.add(m.name() + ": no @tier");
            }
            if (m.tier() == Tier.E && !m.evidence().contains("Expert convention [E]")) {
                defects.add(m.name() + ": tier E but @evidence does not say 'Expert convention [E]'");
            }
        }
        assertThat(defects).isEmpty();
    }

    @Test
    void everyUndecidedTwinMatchesItsRuleAndCarriesNoWeight() {
        List<String> defects = new ArrayList<>();
        for (RuleMetadata twin : RULES.values()) {
            if (!twin.undecided()) {
                continue;
            }
            List<RuleMetadata> siblings = decided(twin.id());
            if (siblings.isEmpty()) {
                defects.add(twin.name() + ": no rule with id " + twin.id());
                continue;
            }
            if (twin.effect() != null) {
                defects.add(twin.name() + ": a weight belongs only to the rule, not to its twin");
            }
            if (!twin.techniques().isEmpty() && siblings.stream().noneMatch(s -> s.techniques().equals(twin.techniques())
                    && s.exclude() == twin.exclude())) {
                defects.add(twin.name() + ": @technique or EXCLUDE differs from its rule's");
            }
            if (!twin.name().startsWith(twin.id() + " undecided: ")) {
                defects.add(twin.name() + ": twin names read '<id> undecided: <what is unknown>'");
            }
        }
        assertThat(defects).isEmpty();
    }
}
