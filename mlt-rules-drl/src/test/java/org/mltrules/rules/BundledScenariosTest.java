package org.mltrules.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mltrules.analyst.CheckReport;
import org.mltrules.analyst.RuleSetCheck;
import org.mltrules.analyst.ScenarioReport;
import org.mltrules.analyst.Scenarios;

/**
 * The bundled rules ship with scenario files that pass and make every rule fire, under both compilers: the
 * precompiled executable model and the classic compiler that loads rule folders.
 */
class BundledScenariosTest {
    @Test
    void everyBundledScenarioPassesAndEveryRuleFiresInOne() {
        CheckReport report = RuleSetCheck.check(ClassificationTest.RULES);

        assertThat(report.problems()).as(report.render()).isEmpty();
        assertThat(report.exitStatus()).isZero();
        assertThat(report.scenarios().results()).isNotEmpty();
        assertThat(report.scenarios().coverage().uncovered()).isEmpty();
        assertThat(report.scenarios().coverage().fired()).isEqualTo(ClassificationTest.RULES.ruleNames());
    }

    @Test
    void theBundledScenariosGiveTheSameResultsWithTheFolderCopy() {
        ScenarioReport precompiled = Scenarios.run(ClassificationTest.RULES);
        ScenarioReport folder = Scenarios.run(RuleFolders.folderCopy());

        assertThat(folder.problems()).isEmpty();
        assertThat(folder.results()).isEqualTo(precompiled.results());
        assertThat(folder.coverage()).isEqualTo(precompiled.coverage());
        assertThat(folder.coverage().uncovered()).isEmpty();
    }

    @Test
    void theScenarioExampleOfTheAuthoringGuidePasses() throws IOException {
        String guide = Files.readString(Path.of("../docs/authoring-rules.md"));
        Matcher example = Pattern.compile("A file:\\n\\n```json\\n(.*?)```", Pattern.DOTALL).matcher(guide);
        assertThat(example.find()).as("the guide's example scenario file").isTrue();

        ScenarioReport report = Scenarios.run(ClassificationTest.RULES, Map.of("guide.json", example.group(1)),
                Map.of());

        assertThat(report.problems()).isEmpty();
        assertThat(report.results()).hasSize(2);
    }

    @Test
    void checkingACopyOfTheBundledFolderFindsNothingToReport(@TempDir Path dir) {
        CheckReport report = RuleSetCheck.check(RuleFolders.copyOfBundled(dir.resolve("rules")));

        assertThat(report.ok()).as(report.render()).isTrue();
        assertThat(report.problems()).isEmpty();
        assertThat(report.ruleSet()).isEqualTo(ClassificationTest.RULES.ruleSet());
        assertThat(report.render()).endsWith("OK (0 error(s), 0 warning(s))\n");
    }

    @Test
    void aChangedCopyStillNamedAsTheBundledRulesIsWarnedAbout(@TempDir Path dir) {
        // Given a copy of the bundled folder with one weight changed, still named mlt-rules-bundled 1.1.0
        Path rules = RuleFolders.copyOfBundled(dir.resolve("rules"));
        RuleFolders.edit(rules.resolve("cautions.drl"), "@id(\"C9\") @technique(\"SABR\") @effect(\"-1\")",
                "@id(\"C9\") @technique(\"SABR\") @effect(\"-2\")");

        // When it is checked
        CheckReport report = RuleSetCheck.check(rules);

        // Then the descriptor is warned about: every report would claim the bundled rules
        assertThat(report.problems()).extracting(p -> p.render()).anySatisfy(line -> assertThat(line)
                .startsWith("ruleset.properties:").contains("warning: this rule set is named mlt-rules-bundled "
                        + ClassificationTest.RULES.ruleSet().version() + " like the bundled rules, but its rules differ"));
    }

    @Test
    void aChangedCopyWithItsOwnNameIsNotWarnedAbout(@TempDir Path dir) {
        Path rules = RuleFolders.copyOfBundled(dir.resolve("rules"));
        RuleFolders.edit(rules.resolve("cautions.drl"), "@id(\"C9\") @technique(\"SABR\") @effect(\"-1\")",
                "@id(\"C9\") @technique(\"SABR\") @effect(\"-2\")");
        RuleFolders.edit(rules.resolve("ruleset.properties"), "name=mlt-rules-bundled", "name=centre-x-rules");

        CheckReport report = RuleSetCheck.check(rules);

        assertThat(report.problems()).noneMatch(p -> p.message().contains("like the bundled rules"));
    }

    @Test
    void theRuleSetsOwnScenarioFilesCanBeRunWithTest(@TempDir Path dir) {
        // Given the bundled folder and its own ranking scenarios, named by their path on disk
        Path rules = RuleFolders.copyOfBundled(dir.resolve("rules"));

        // When they are run with test (as "mlt-rules test --rules DIR DIR/scenarios/ranking.json")
        CheckReport report = RuleSetCheck.test(rules, java.util.List.of(rules.resolve("scenarios/ranking.json")));

        // Then no scenario name counts as used twice, and every scenario passes
        assertThat(report.ok()).as(report.render()).isTrue();
        assertThat(report.scenarios().failed()).isZero();
        assertThat(report.scenarios().results()).hasSizeGreaterThan(40);
    }
}
