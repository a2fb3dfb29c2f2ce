package org.mltrules.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.mltrules.Centre;
import org.mltrules.Conventions;
import org.mltrules.MltRules;
import org.mltrules.PatientCase;
import org.mltrules.RuleMetadata;
import org.mltrules.Site;
import org.mltrules.Technique;
import org.mltrules.cohort.CaseGenerator;
import org.mltrules.rules.Fixture.Engine;
import org.mltrules.rules.Fixture.Result;

/**
 * The same DRL must decide the same under the executable model (the bundled kjar) and the classic compiler (a rule
 * folder compiled at run time), and every undecided twin must be exact. Checked on a seeded corpus of generated valid
 * cases ({@link CaseGenerator}) whose numbers sit on the rules' thresholds and whose facts are often unknown; every
 * assessment also passes the ranking invariants of {@link Fixture#checkInvariants}.
 */
class CompilerParityTest {
    private static final Path FOLDER = Path.of("src/main/resources/org/mltrules/rules");
    private static final Engine BUNDLED = Engine.bundled();
    private static final MltRules CLASSIC_RULES = MltRules.builder().rulesFrom(FOLDER).build();
    private static final Engine CLASSIC = Engine.of(CLASSIC_RULES);

    /** Non-default conventions and centre, so that the rules reading them are compared too. */
    private static final Conventions OTHER_CONVENTIONS = Conventions.builder().maintenanceCountsAsActive(false)
            .maxLesions(4).regionalNodesCountAsMetastasis(true).activeTherapyWindowDays(10).build();
    private static final Centre OTHER_CENTRE = new Centre(EnumSet.of(Technique.SABR, Technique.MWA, Technique.SURGERY),
            EnumSet.of(Site.BRAIN, Site.LIVER));
    private static final Engine BUNDLED_OTHER = Engine.of(MltRules.builder().conventions(OTHER_CONVENTIONS)
            .centre(OTHER_CENTRE).build());
    private static final Engine CLASSIC_OTHER = Engine.of(CLASSIC_RULES.withConventions(OTHER_CONVENTIONS)
            .withCentre(OTHER_CENTRE));
    private static final int CASES = 600;

    /** Generated cases with dates on the windows of both configurations compared. */
    private static List<PatientCase> corpus(long seed) {
        return CaseGenerator.builder().seed(seed).boundariesOf(List.of(Conventions.DEFAULTS, OTHER_CONVENTIONS))
                .build().stream(CASES).toList();
    }

    @Test
    void theBundledRulesAndTheSameFilesFromAFolderHaveOneFingerprint() {
        assertThat(CLASSIC.rules().ruleSet()).isEqualTo(BUNDLED.rules().ruleSet());
    }

    @Test
    void theSameConfigurationGivesOneFingerprintWhateverTheCompiler() {
        assertThat(CLASSIC_OTHER.rules().ruleSet()).isEqualTo(BUNDLED_OTHER.rules().ruleSet())
                .isNotEqualTo(BUNDLED.rules().ruleSet());
    }

    @Test
    void bothCompilersGiveTheSameAssessmentsAndMatchTheSameRules() {
        Set<String> matchedSomewhere = new TreeSet<>();
        // A seed whose 600 cases reach every rule (rare ones: F13 and F14 with an unknown histology or ECOG); if a
        // change to the generator loses one, the assertion below says which.
        for (PatientCase c : corpus(3L)) {
            matchedSomewhere.addAll(compare(c, BUNDLED, CLASSIC));
            matchedSomewhere.addAll(compare(c, BUNDLED_OTHER, CLASSIC_OTHER));
        }
        // Combinations the generator reaches too rarely for one seed (F17's twin needs a brain lesion of unknown size
        // at ECOG 0-1, or of more than 30 mm with ECOG unknown), written out.
        for (PatientCase c : rareCases()) {
            matchedSomewhere.addAll(compare(c, BUNDLED, CLASSIC));
            matchedSomewhere.addAll(compare(c, BUNDLED_OTHER, CLASSIC_OTHER));
        }
        // The corpus reaches every rule, so that the comparison covers each of them.
        Set<String> never = new TreeSet<>(BUNDLED_RULE_NAMES);
        never.removeAll(matchedSomewhere);
        assertThat(never).as("rules the random corpus never matched").isEmpty();
    }

    /** Brain lesions whose size or the patient's ECOG is unknown. */
    private static List<PatientCase> rareCases() {
        List<PatientCase> out = new ArrayList<>();
        Integer[][] ecogAndSize = {{0, null}, {null, 35}, {null, null}};
        for (Integer[] v : ecogAndSize) {
            out.add(PatientCase.builder("rare-brain-" + v[0] + "-" + v[1]).histology("8890/3")
                    .primaryDiagnosisDate(java.time.LocalDate.of(2019, 3, 12))
                    .omdDiagnosisDate(java.time.LocalDate.of(2023, 5, 2)).history(false, false)
                    .systemicTherapy(org.mltrules.SystemicTherapy.NONE).ecog(v[0])
                    .lesions(org.mltrules.Lesion.builder("B1", Site.BRAIN).safelyTreatable(true)
                            .sizeMm(v[1] == null ? null : v[1].doubleValue()).build())
                    .build());
        }
        return out;
    }

    private static List<String> compare(PatientCase c, Engine bundledEngine, Engine classicEngine) {
        Result bundled = bundledEngine.assess(c);
        Result classic = classicEngine.assess(c);

        assertThat(classic.assessment()).as(c.caseId()).isEqualTo(bundled.assessment());
        assertThat(new ArrayList<>(classic.matchedRuleNames())).as(c.caseId())
                .containsExactlyInAnyOrderElementsOf(bundled.matchedRuleNames());
        return bundled.matchedRuleNames();
    }

    private static final Set<String> BUNDLED_RULE_NAMES = BUNDLED.rules().ruleNames();

    @Test
    void aRuleAndItsUndecidedTwinNeverBothMatchForTheSameLesion() {
        java.util.Map<String, RuleMetadata> compiled = BUNDLED.rules().rules();
        int checked = 0;
        for (PatientCase c : corpus(19850315L)) {
            if (c.lesions() == null || c.lesions().size() != 1) {
                continue; // with one lesion, a rule and its twin matching both would contradict each other
            }
            checked++;
            Result r = BUNDLED.assess(c);
            Set<String> decided = new TreeSet<>();
            Set<String> undecided = new TreeSet<>();
            for (String name : r.matchedRuleNames()) {
                RuleMetadata m = compiled.get(name);
                (m.undecided() ? undecided : decided).add(m.id());
            }
            Set<String> both = new TreeSet<>(decided);
            both.retainAll(undecided);
            assertThat(both).as("%s: rules both decided and undecided", c.caseId()).isEmpty();
            if (undecided.stream().anyMatch(id -> compiled.values().stream()
                    .anyMatch(m -> m.id().equals(id) && !m.techniques().isEmpty()))) {
                assertThat(r.only().missing()).as("%s: an undecided lesion rule names its unknown facts", c.caseId())
                        .isNotEmpty();
            }
        }
        assertThat(checked).isGreaterThan(100);
    }
}
