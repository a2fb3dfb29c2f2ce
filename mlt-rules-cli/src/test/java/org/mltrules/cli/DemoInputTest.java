package org.mltrules.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@code --demo}: the bundled demo cases, without the source tree. */
class DemoInputTest {

    @Test
    @DisplayName("assess --demo gives the assessments of examples/cases/demo.jsonl")
    void demoIsTheExamplesFile() {
        Cli.Run demo = Cli.run("assess", "--format", "jsonl", "--demo");
        Cli.Run file = Cli.run("assess", "--format", "jsonl", Cli.DEMO.toString());

        assertThat(demo.code()).as(demo.err()).isZero();
        assertThat(demo.out()).isEqualTo(file.out());
        assertThat(demo.jsonLines()).hasSize(14);
    }

    @Test
    @DisplayName("explain --demo --case picks a demo case")
    void explainADemoCase() {
        Cli.Run r = Cli.run("explain", "--demo", "--case", "demo-05");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("Explanation of case demo-05");
    }

    @Test
    @DisplayName("FILE and --demo together, or neither: a usage error naming the choice")
    void exactlyOneInput() {
        Cli.Run both = Cli.run("assess", "--demo", Cli.DEMO.toString());
        Cli.Run none = Cli.run("assess");

        assertThat(both.code()).isEqualTo(Main.USAGE);
        assertThat(both.err()).contains("give FILE or --demo, not both");
        assertThat(none.code()).isEqualTo(Main.USAGE);
        assertThat(none.err()).contains("no input: give FILE, '-' for standard input, or --demo");
    }
}
