package org.mltrules.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.mltrules.MltRules;
import org.mltrules.analyst.CheckReport;
import org.mltrules.analyst.RuleSetCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code mlt-rules test}: runs scenario files kept outside a rule folder against it. */
@Command(name = "test",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        header = "Run scenario files against a rule set and report every difference and the rule coverage.",
        description = {
            "The scenarios may use the rule set's own scenarios as 'base'. A failing scenario is reported at its "
                    + "line with the expected and the actual outcome. Without --rules, uses the bundled rules.",
            ""
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  mlt-rules test --rules my-rules extra-scenarios.json more.json",
            "  mlt-rules test board-2024.json        against the bundled rules",
            "",
            "Exit status: 0 every scenario passed; 2 a scenario file cannot be read; 4 the rules are unusable or a "
                    + "scenario failed."
        })
final class TestCommand implements Callable<Integer> {
    @ParentCommand
    MltRulesCommand parent;

    @Mixin
    RulesOption rules;

    @Parameters(paramLabel = "SCENARIOS", arity = "1..*", description = "Scenario files (JSON) to run.")
    List<Path> scenarios;

    @Override
    public Integer call() {
        CheckReport report = rules.folder == null ? RuleSetCheck.test(MltRules.bundled(), scenarios)
                : RuleSetCheck.test(rules.folder, scenarios);
        return CheckCommand.print(parent.io(), report);
    }
}
