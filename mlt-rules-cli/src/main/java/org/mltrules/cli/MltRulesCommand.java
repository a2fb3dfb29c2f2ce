package org.mltrules.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The {@code mlt-rules} command: its subcommands ({@link Main#SUBCOMMANDS}, added by {@link Main#commandLine}) do
 * the work.
 */
@Command(name = "mlt-rules",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        header = "Oligometastatic sarcoma: ESTRO/EORTC category and local-therapy ranking per lesion, with reasons.",
        description = {
            "Decision support only: discuss every result in a multidisciplinary sarcoma board.",
            ""
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  mlt-rules assess examples/cases/demo.jsonl",
            "  mlt-rules assess --format csv cohort.jsonl > cohort.csv",
            "  mlt-rules explain --case demo-02 examples/cases/demo.jsonl",
            "  mlt-rules map patient-bundle.json",
            "  mlt-rules generate --count 1000 --seed 7 > cohort.jsonl",
            "  mlt-rules check --rules my-rules",
            "  mlt-rules rules                       the bundled rule catalogue with citations",
            "  mlt-rules serve --issuer https://ehr.example.org/ --jwks ehr-jwks.json",
            "",
            "Exit status: 0 every case assessed (check, test: the rules are usable and every scenario passed);",
            "2 usage error or unreadable input; 3 a case rejected or failed; 4 rules unusable or a scenario failed;",
            "1 internal error."
        })
final class MltRulesCommand implements Runnable {
    private final Main.Io io;

    @Spec
    CommandSpec spec;

    MltRulesCommand(Main.Io io) {
        this.io = io;
    }

    Main.Io io() {
        return io;
    }

    @Override
    public void run() {
        // No subcommand: show what there is, as a usage error.
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new Main.ExitException(Main.USAGE, null);
    }
}
