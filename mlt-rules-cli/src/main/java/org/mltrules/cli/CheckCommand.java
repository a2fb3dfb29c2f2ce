package org.mltrules.cli;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.mltrules.MltRules;
import org.mltrules.analyst.CheckReport;
import org.mltrules.analyst.RuleSetCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code mlt-rules check}: the analyst's check of a rule set before it reaches patients. */
@Command(name = "check",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        header = "Check a rule set: compile, lint, run its scenario files, report the rules no scenario makes fire.",
        description = {
            "Every problem is printed as file:line:column: message (errors refuse the rule set; warnings, such as a "
                    + "rule that no scenario makes fire, do not), then the scenario results and the rule coverage. "
                    + "Without --rules, checks the bundled rules.",
            ""
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  mlt-rules check --rules my-rules",
            "  mlt-rules check                      the bundled rules",
            "",
            "Exit status: 0 usable and every scenario passed (warnings allowed); 4 compile or lint errors, or a "
                    + "scenario failed."
        })
final class CheckCommand implements Callable<Integer> {
    @ParentCommand
    MltRulesCommand parent;

    @Mixin
    RulesOption rules;

    @Override
    public Integer call() {
        CheckReport report = rules.folder == null ? RuleSetCheck.check(MltRules.bundled())
                : RuleSetCheck.check(rules.folder);
        return print(parent.io(), report);
    }

    /** Prints the report on standard output and returns its exit status. */
    static int print(Main.Io io, CheckReport report) {
        try {
            Writer w = new OutputStreamWriter(io.out(), StandardCharsets.UTF_8);
            w.write(report.render());
            w.flush();
        } catch (IOException e) {
            throw Main.outputFailed(e);
        }
        return report.exitStatus();
    }
}
