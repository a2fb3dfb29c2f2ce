package org.mltrules.cli;

import java.nio.file.Path;
import org.mltrules.MltRules;
import org.mltrules.RuleProblem;
import org.mltrules.RuleSetException;
import picocli.CommandLine.Option;

/** {@code --rules DIR}: an analyst's rule folder instead of the bundled rules. */
final class RulesOption {
    @Option(names = "--rules", paramLabel = "DIR",
            description = "Use the rule set in this folder (DRL files, ruleset.properties, scenarios) instead of "
                    + "the bundled rules. Rules are code: use only folders you trust.")
    Path folder;

    /**
     * Loads the bundled rules or compiles the folder's.
     *
     * @throws Main.ExitException with {@link Main#RULES_UNUSABLE} after printing every problem as
     *                            {@code file:line:column: message}
     */
    MltRules load(Main.Io io) {
        if (folder == null) {
            return BundledRulesPreload.bundled();
        }
        try {
            return MltRules.builder().rulesFrom(folder).build();
        } catch (RuleSetException e) {
            throw unusable(io, folder, e);
        }
    }

    static Main.ExitException unusable(Main.Io io, Path folder, RuleSetException e) {
        long errors = e.problems().stream().filter(p -> p.severity() == RuleProblem.Severity.ERROR).count();
        io.err().println("mlt-rules: the rules in " + folder + " are unusable ("
                + (errors == 0 ? e.problems().size() : errors) + " error(s)); nothing was assessed:");
        for (RuleProblem p : e.problems()) {
            io.err().println(inFolder(folder, p).render());
        }
        if (e.problems().isEmpty()) {
            io.err().println(e.getMessage());
        }
        return new Main.ExitException(Main.RULES_UNUSABLE, null);
    }

    /** The problem with its file named from the caller's directory, so that editors and terminals can open it. */
    static RuleProblem inFolder(Path folder, RuleProblem p) {
        if (p.file() == null || Path.of(p.file()).isAbsolute() || p.file().startsWith(folder.toString())) {
            return p;
        }
        return new RuleProblem(p.severity(), folder.resolve(p.file()).toString(), p.line(), p.column(), p.rule(),
                p.message());
    }
}
